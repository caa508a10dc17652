/** Hosting, the Azure Bot and the role ids in infra/. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  moduleNamed,
  params,
  property,
  readRepoFile,
  repoPath,
  resourceOfType,
  variable,
} from './bicep-text.ts';

const main = readRepoFile('infra/main.bicep');
const appService = readRepoFile('infra/modules/app-service.bicep');
const containerApp = readRepoFile('infra/modules/container-app.bicep');
const bot = readRepoFile('infra/modules/bot.bicep');

const userAssigned = (body: string) => {
  const identity = property(body, 'identity')!;
  expect(property(identity, 'type')).toBe("'UserAssigned'");
  expect(identity).toMatch(/'\$\{identityId\}': \{\}/);
};

describe('hosting', () => {
  it('is App Service by default, Container Apps on request', () => {
    const hosting = params(main).find((param) => param.name === 'hosting')!;
    expect(hosting.defaultValue).toBe("'appService'");
    expect(hosting.allowed).toEqual(['appService', 'containerApps']);
    expect(main).toMatch(
      /^module appService 'modules\/app-service.bicep' = if \(hosting == 'appService'\) \{$/m,
    );
    expect(main).toMatch(
      /^module containerApp 'modules\/container-app.bicep' = if \(hosting == 'containerApps'\) \{$/m,
    );
    for (const module of ['appService', 'containerApp']) {
      expect(property(moduleNamed(main, module).body, 'identityId')).toBe('identity.id');
    }
  });

  it('App Service: Linux, Node 24 LTS, Always On, HTTPS only, health check on /healthz, the identity', () => {
    const site = resourceOfType(appService, 'Microsoft.Web/sites');
    const plan = resourceOfType(appService, 'Microsoft.Web/serverfarms');
    expect(property(plan.body, 'reserved')).toBe('true');
    expect(property(site.body, 'kind')).toBe("'app,linux'");
    expect(property(site.body, 'linuxFxVersion')).toBe("'NODE|24-lts'");
    expect(property(site.body, 'alwaysOn')).toBe('true');
    expect(property(site.body, 'httpsOnly')).toBe('true');
    expect(property(site.body, 'healthCheckPath')).toBe("'/healthz'");
    expect(property(site.body, 'keyVaultReferenceIdentity')).toBe('identityId');
    userAssigned(site.body);
    // The same start as the Dockerfile's CMD.
    const cmd = /^CMD \[(.*)\]$/m.exec(readRepoFile('Dockerfile'))![1]!;
    const dockerCommand = (JSON.parse(`[${cmd}]`) as string[]).join(' ');
    expect(property(site.body, 'appCommandLine')).toBe(`'${dockerCommand}'`);
  });

  it('Container Apps: ingress to the port, liveness /healthz, readiness /readyz, at least one replica, the identity', () => {
    const app = resourceOfType(containerApp, 'Microsoft.App/containerApps');
    const ingress = property(app.body, 'ingress')!;
    expect(property(ingress, 'targetPort')).toBe('port');
    expect(property(ingress, 'external')).toBe('true');
    expect(property(ingress, 'allowInsecure')).toBe('false');
    const probes = property(app.body, 'probes')!;
    const probe = (type: string) => {
      const at = probes.indexOf(`type: '${type}'`);
      expect(at, type).toBeGreaterThan(-1);
      const rest = probes.slice(at);
      return { path: property(rest, 'path'), port: property(rest, 'port') };
    };
    expect(probe('Liveness')).toEqual({ path: "'/healthz'", port: 'port' });
    expect(probe('Readiness')).toEqual({ path: "'/readyz'", port: 'port' });
    expect(property(property(app.body, 'scale')!, 'minReplicas')).toBe('1');
    userAssigned(app.body);
    expect(property(moduleNamed(main, 'containerApp').body, 'port')).toBe('botPort');
    expect(property(moduleNamed(main, 'containerApp').body, 'image')).toBe('containerImage');
  });
});

describe('Azure Bot (infra/modules/bot.bicep)', () => {
  it('signs in as the user-assigned managed identity, messages at https://<host>/api/messages', () => {
    const service = resourceOfType(bot, 'Microsoft.BotService/botServices');
    expect(property(service.body, 'kind')).toBe("'azurebot'");
    expect(property(service.body, 'location')).toBe("'global'");
    expect(property(service.body, 'msaAppType')).toBe("'UserAssignedMSI'");
    expect(property(service.body, 'msaAppId')).toBe('identityClientId');
    expect(property(service.body, 'msaAppTenantId')).toBe('tenantId');
    expect(property(service.body, 'msaAppMSIResourceId')).toBe('identityId');
    expect(property(service.body, 'endpoint')).toBe('endpoint');
    const module = moduleNamed(main, 'bot').body;
    expect(property(module, 'identityClientId')).toBe('identity.properties.clientId');
    expect(property(module, 'identityId')).toBe('identity.id');
    expect(property(module, 'tenantId')).toBe('tenantId');
    expect(variable(main, 'tenantId')).toBe('tenant().tenantId');
    expect(property(module, 'endpoint')).toBe("'https://${botHostName}/api/messages'");
    expect(variable(main, 'botHostName')).toBe(
      "hosting == 'appService' ? appService!.outputs.hostName : containerApp!.outputs.hostName",
    );
  });

  it('has the Microsoft Teams channel on', () => {
    const channel = resourceOfType(bot, 'Microsoft.BotService/botServices/channels');
    expect(property(channel.body, 'parent')).toBe('bot');
    expect(property(channel.body, 'name')).toBe("'MsTeamsChannel'");
    expect(property(channel.body, 'channelName')).toBe("'MsTeamsChannel'");
    expect(property(channel.body, 'isEnabled')).toBe('true');
  });
});

describe('role ids and Key Vault', () => {
  // Built-in role ids as Azure publishes them (the same in every tenant).
  const builtInRoles: Record<string, string> = {
    '00000000-0000-0000-0000-000000000002': 'Cosmos DB Built-in Data Contributor',
    '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
    'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba': 'Key Vault Certificate User',
  };

  it('every GUID in infra/ is a real built-in role id, named beside it', () => {
    const files = [
      'main.bicep',
      ...readdirSync(repoPath('infra/modules')).map((file) => `modules/${file}`),
    ];
    for (const file of files) {
      const text = readRepoFile(`infra/${file}`);
      for (const [guid] of text.matchAll(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
      )) {
        const role = builtInRoles[guid.toLowerCase()];
        expect(role, `${file}: ${guid}`).toBeDefined();
        expect(text, `${file} names ${role}`).toContain(role);
      }
    }
    const keyVault = readRepoFile('infra/modules/key-vault.bicep');
    expect(variable(keyVault, 'keyVaultSecretsUserRoleId')).toBe(
      "'4633458b-17de-408a-b874-0445c86b69e6'",
    );
    expect(variable(keyVault, 'keyVaultCertificateUserRoleId')).toBe(
      "'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba'",
    );
  });

  it('Key Vault exists only with useKeyVault, with RBAC authorization', () => {
    expect(params(main).find((param) => param.name === 'useKeyVault')?.defaultValue).toBe('false');
    expect(main).toMatch(/^module keyVault 'modules\/key-vault.bicep' = if \(useKeyVault\) \{$/m);
    const vault = resourceOfType(
      readRepoFile('infra/modules/key-vault.bicep'),
      'Microsoft.KeyVault/vaults',
    );
    expect(property(vault.body, 'enableRbacAuthorization')).toBe('true');
  });

  it('one user-assigned identity serves everything', () => {
    resourceOfType(main, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    const insights = resourceOfType(main, 'Microsoft.Insights/components');
    expect(property(insights.body, 'WorkspaceResourceId')).toBe('workspace.id');
  });
});
