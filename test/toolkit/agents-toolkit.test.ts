/**
 * The Microsoft 365 Agents Toolkit project files (`m365agents*.yml`, `env/`), checked offline: no
 * Toolkit CLI and no Azure here, so what is checked is what the files say, against the files and
 * settings they name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { environmentVariableNames } from '../../src/config/environment-schema.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { API_ROLES } from '../../src/api/auth/api-roles.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');
const exists = (file: string) => existsSync(new URL(file, ROOT));

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

const LIFECYCLES = ['provision', 'deploy', 'publish'] as const;

const project = (file: string) => parse(read(file)) as ProjectFile;
const uses = (actions: Action[] | undefined) => (actions ?? []).map((action) => action.uses);
const action = (actions: Action[] | undefined, name: string): Action => {
  const found = (actions ?? []).filter((candidate) => candidate.uses === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

/** The names of the `${{NAME}}` placeholders in a text. */
const placeholders = (text: string) =>
  [...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((match) => match[1]!);

/** The outputs of infra/main.bicep: arm/deploy writes each to env/.env.<env> under its name. */
const bicepOutputs = () =>
  [...read('infra/main.bicep').matchAll(/^output\s+([A-Za-z0-9_]+)\s/gm)].map((match) => match[1]!);

const envFile = (name: string) => parseEnv(read(`env/.env.${name}`));

const APP_PACKAGE_STEPS = [
  'teamsApp/validateManifest',
  'teamsApp/zipAppPackage',
  'teamsApp/validateAppPackage',
  'teamsApp/update',
];

describe('m365agents.yml (Azure: atk provision / deploy / publish --env dev)', () => {
  const yml = project('m365agents.yml');

  it('follows the Toolkit’s v1.9 project file, with the three lifecycles', () => {
    expect(yml.version).toBe('v1.9');
    expect(read('m365agents.yml')).toContain(
      '$schema=https://aka.ms/m365-agents-toolkits/v1.9/yaml.schema.json',
    );
    expect(yml.environmentFolderPath).toBe('./env');
    expect(uses(yml.provision)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'aadApp/update',
      'arm/deploy',
      ...APP_PACKAGE_STEPS,
    ]);
    expect(uses(yml.deploy)).toEqual([
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
    ]);
    expect(uses(yml.publish)).toEqual([...APP_PACKAGE_STEPS, 'teamsApp/publishAppPackage']);
  });

  it('creates the Teams app and writes its id where the manifest reads it', () => {
    expect(action(yml.provision, 'teamsApp/create').writeToEnvironmentFile).toEqual({
      teamsAppId: 'TEAMS_APP_ID',
    });
    expect(placeholders(read('appPackage/manifest.json'))).toContain('TEAMS_APP_ID');
  });

  it('deploys infra/main.bicep with its parameters file, both of which exist', () => {
    const arm = action(yml.provision, 'arm/deploy').with!;
    expect(arm.subscriptionId).toBe('${{AZURE_SUBSCRIPTION_ID}}');
    expect(arm.resourceGroupName).toBe('${{AZURE_RESOURCE_GROUP_NAME}}');
    expect(arm.bicepCliVersion).toMatch(/^v\d+\.\d+\.\d+$/);
    const templates = arm.templates as {
      path: string;
      parameters: string;
      deploymentName: string;
    }[];
    expect(templates).toEqual([
      {
        path: './infra/main.bicep',
        parameters: './infra/main.parameters.json',
        deploymentName: expect.stringMatching(/^[A-Za-z0-9-_]{1,64}$/),
      },
    ]);
    for (const template of templates) {
      expect(exists(template.path), template.path).toBe(true);
      expect(exists(template.parameters), template.parameters).toBe(true);
    }
  });

  it('gets from the template every output the manifest and the deploy step need', () => {
    expect(bicepOutputs()).toEqual(
      expect.arrayContaining(['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']),
    );
  });

  it('zips ./appPackage/manifest.json into appPackage/build per environment, then validates and updates that zip', () => {
    for (const lifecycle of ['provision', 'publish'] as const) {
      const actions = yml[lifecycle];
      const zip = action(actions, 'teamsApp/zipAppPackage').with;
      expect(zip).toEqual({
        manifestPath: './appPackage/manifest.json',
        outputZipPath: './appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip',
        outputFolder: './appPackage/build',
      });
      expect(action(actions, 'teamsApp/validateManifest').with).toEqual({
        manifestPath: './appPackage/manifest.json',
      });
      for (const step of ['teamsApp/validateAppPackage', 'teamsApp/update']) {
        expect(action(actions, step).with).toEqual({ appPackagePath: zip!.outputZipPath });
      }
    }
    expect(action(yml.publish, 'teamsApp/publishAppPackage')).toMatchObject({
      with: { appPackagePath: './appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip' },
      writeToEnvironmentFile: { publishedAppId: 'TEAMS_APP_PUBLISHED_APP_ID' },
    });
  });

  it('installs the production dependencies exactly, then zip-deploys to the template’s App Service', () => {
    const [install, build] = yml.deploy!;
    expect(install!.with!.args).toMatch(/^ci\b.*--omit=dev/);
    expect(build!.with!.args).toBe('run build --if-present');
    const zipDeploy = action(yml.deploy, 'azureAppService/zipDeploy').with!;
    expect(zipDeploy.artifactFolder).toBe('.');
    expect(zipDeploy.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(exists(zipDeploy.ignoreFile as string), 'ignoreFile').toBe(true);
  });

  it('uploads the code and never the settings files that hold secrets', () => {
    const zipDeploy = action(yml.deploy, 'azureAppService/zipDeploy').with!;
    const ignored = read(zipDeploy.ignoreFile as string)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const secret of ['.env', '.env.*', 'env/', '.localConfigs', '.localConfigs.*', '.git/']) {
      expect(ignored).toContain(secret);
    }
    // What the Dockerfile copies is what App Service runs: none of it may be left out.
    for (const needed of ['src', 'cards', 'node_modules', 'package.json', 'package-lock.json']) {
      expect(
        ignored.some((pattern) => pattern.replace(/^\/|\/$/g, '') === needed),
        needed,
      ).toBe(false);
    }
  });
});

describe('m365agents.local.yml (this machine, in Teams, through a dev tunnel)', () => {
  const yml = project('m365agents.local.yml');

  it('creates the Teams app, the bot’s app registration and its Bot Framework registration', () => {
    expect(yml.version).toBe('v1.9');
    expect(uses(yml.provision)).toEqual([
      'teamsApp/create',
      'botAadApp/create',
      'botFramework/create',
      ...APP_PACKAGE_STEPS,
    ]);
    expect(action(yml.provision, 'botAadApp/create').writeToEnvironmentFile).toEqual({
      botId: 'BOT_ID',
      botPassword: 'SECRET_BOT_PASSWORD',
    });
    expect(action(yml.provision, 'botFramework/create').with).toMatchObject({
      botId: '${{BOT_ID}}',
      messagingEndpoint: '${{BOT_ENDPOINT}}/api/messages',
      channels: [{ name: 'msteams' }],
    });
    expect(uses(yml.deploy)).toEqual(['cli/runNpmCommand', 'file/createOrUpdateEnvironmentFile']);
  });

  const localConfigs = action(yml.deploy, 'file/createOrUpdateEnvironmentFile').with as {
    target: string;
    envs: Record<string, string | number>;
  };

  it('writes .localConfigs (gitignored) with settings License Desk reads, and no others', () => {
    expect(localConfigs.target).toBe('./.localConfigs');
    expect(read('.gitignore').split('\n')).toContain('.localConfigs');
    for (const name of Object.keys(localConfigs.envs)) {
      expect(environmentVariableNames, name).toContain(name);
    }
  });

  it('gives a bot that starts in production mode as a SingleTenant bot once provisioned', () => {
    const provisioned: Record<string, string> = {
      BOT_ID: 'b0b0b0b0-1111-4222-8333-444455556666',
      SECRET_BOT_PASSWORD: 'a-client-secret',
      TEAMS_APP_TENANT_ID: '7a7a7a7a-1111-4222-8333-444455556666',
      COSMOS_ENDPOINT: 'https://licensedesk-dev.documents.azure.com:443/',
      APPROVER_GROUP_IDS: 'a9a9a9a9-1111-4222-8333-444455556666',
    };
    const env = Object.fromEntries(
      Object.entries(localConfigs.envs).map(([name, value]) => [
        name,
        String(value).replace(/\$\{\{([A-Za-z0-9_]+)\}\}/g, (_, key: string) => provisioned[key]!),
      ]),
    );
    const config = loadConfig(env);
    expect(config).toMatchObject({
      mode: 'production',
      bot: {
        appType: 'SingleTenant',
        appId: provisioned.BOT_ID,
        tenantId: provisioned.TEAMS_APP_TENANT_ID,
      },
    });
  });
});

/**
 * Microsoft Graph's application permissions License Desk asks for, by id: the ids of the
 * "Microsoft Graph permissions reference" (https://learn.microsoft.com/graph/permissions-reference),
 * the same in every tenant.
 */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_APPLICATION_PERMISSIONS: Record<string, string> = {
  '5facf0c1-8979-4e95-abcf-ff3d079771c0': 'LicenseAssignment.ReadWrite.All',
  '741f803b-c850-494e-b5df-cde7c675a1ca': 'User.ReadWrite.All',
  '98830695-27a2-44f7-8c18-0c3ebc9698f6': 'GroupMember.Read.All',
  '498476ce-e0fe-48b0-b801-37ba7e2685c6': 'Organization.Read.All',
  '62a82d76-70ea-41e2-9197-370581804d09': 'Group.ReadWrite.All',
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface EntraManifest {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: {
      id: string;
      value: string;
      type: string;
      isEnabled: boolean;
      adminConsentDescription: string;
    }[];
  };
  appRoles: {
    id: string;
    value: string;
    displayName: string;
    description: string;
    allowedMemberTypes: string[];
    isEnabled: boolean;
  }[];
  requiredResourceAccess: {
    resourceAppId: string;
    resourceAccess: { id: string; type: string }[];
  }[];
}

describe('aad.manifest.json: the License Desk API app registration (aadApp/create, aadApp/update)', () => {
  const yml = project('m365agents.yml');
  const create = action(yml.provision, 'aadApp/create');
  const update = action(yml.provision, 'aadApp/update');
  const manifestPath = update.with!.manifestPath as string;
  const manifest = JSON.parse(read(manifestPath)) as EntraManifest;
  const written = create.writeToEnvironmentFile!;

  it('creates a multi-tenant registration with a client secret, under the Toolkit’s documented names', () => {
    expect(create.with).toEqual({
      name: 'LicenseDesk${{APP_NAME_SUFFIX}}',
      generateClientSecret: true,
      signInAudience: 'AzureADMultipleOrgs',
    });
    expect(written).toEqual({
      clientId: 'AAD_APP_CLIENT_ID',
      clientSecret: 'SECRET_AAD_APP_CLIENT_SECRET',
      objectId: 'AAD_APP_OBJECT_ID',
      tenantId: 'AAD_APP_TENANT_ID',
      authority: 'AAD_APP_OAUTH_AUTHORITY',
      authorityHost: 'AAD_APP_OAUTH_AUTHORITY_HOST',
    });
  });

  it('applies the manifest to it, writing what it applied under the gitignored ./build', () => {
    expect(manifestPath).toBe('./aad.manifest.json');
    expect(exists(manifestPath)).toBe(true);
    expect(update.with!.outputFilePath).toBe('./build/aad.manifest.${{TEAMSFX_ENV}}.json');
    expect(read('.gitignore').split('\n')).toContain('build/');
    // Created, then updated, before the template that reads its client id and secret.
    const order = uses(yml.provision);
    expect(order.indexOf('aadApp/create')).toBeLessThan(order.indexOf('aadApp/update'));
    expect(order.indexOf('aadApp/update')).toBeLessThan(order.indexOf('arm/deploy'));
  });

  it('names the registration by what aadApp/create wrote, and keeps the name aadApp/create gave', () => {
    expect(manifest.id).toBe(`\${{${written.objectId}}}`);
    expect(manifest.appId).toBe(`\${{${written.clientId}}}`);
    expect(manifest.displayName).toBe(create.with!.name);
  });

  it('is multi-tenant, with the app id URI api://<client id>', () => {
    expect(manifest.signInAudience).toBe('AzureADMultipleOrgs');
    expect(manifest.signInAudience).toBe(create.with!.signInAudience);
    expect(manifest.identifierUris).toEqual([`api://\${{${written.clientId}}}`]);
    expect(manifest.api.requestedAccessTokenVersion).toBe(2);
  });

  it('defines exactly the app roles the REST API checks, for users and apps, with stable ids', () => {
    expect(manifest.appRoles.map((role) => role.value).sort()).toEqual([...API_ROLES].sort());
    expect(manifest.appRoles).toHaveLength(API_ROLES.length);
    for (const role of manifest.appRoles) {
      expect(role.id, role.value).toMatch(GUID);
      expect([...role.allowedMemberTypes].sort(), role.value).toEqual(['Application', 'User']);
      expect(role.isEnabled, role.value).toBe(true);
      expect(role.displayName.length, role.value).toBeGreaterThan(0);
      expect(role.description.length, role.value).toBeGreaterThan(20);
    }
  });

  it('lets apps call it as the signed-in user: the access_as_user scope the token script names', () => {
    const [scope, ...others] = manifest.api.oauth2PermissionScopes;
    expect(others).toEqual([]);
    expect(scope).toMatchObject({ value: 'access_as_user', isEnabled: true });
    expect(scope!.id).toMatch(GUID);
    expect(read('scripts/token.ts')).toContain(`scp: '${scope!.value}'`);
    const ids = [scope!.id, ...manifest.appRoles.map((role) => role.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks Microsoft Graph for exactly the application permissions the grant script grants', () => {
    expect(manifest.requiredResourceAccess).toHaveLength(1);
    const [graph] = manifest.requiredResourceAccess;
    expect(graph!.resourceAppId).toBe(GRAPH_APP_ID);
    for (const access of graph!.resourceAccess) {
      expect(access.type, access.id).toBe('Role');
      expect(GRAPH_APPLICATION_PERMISSIONS[access.id], access.id).toBeDefined();
    }
    const names = graph!.resourceAccess.map((access) => GRAPH_APPLICATION_PERMISSIONS[access.id]!);
    const granted = /^PERMISSIONS=\(\n([\s\S]*?)\n\)$/m
      .exec(read('scripts/grant-graph-permissions.sh'))![1]!
      .split('\n')
      .map((line) => line.trim());
    expect(names.sort()).toEqual([...granted].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('hands its client id and secret to the template: API_AUDIENCE and Graph for many tenants', () => {
    const parameters = JSON.parse(read('infra/main.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    expect(parameters.parameters.apiClientId?.value).toBe(`\${{${written.clientId}}}`);
    expect(parameters.parameters.graphClientSecret?.value).toBe(`\${{${written.clientSecret}}}`);
    const main = read('infra/main.bicep');
    expect(main).toMatch(/^param apiClientId string = ''$/m);
    expect(main).toMatch(
      /^@secure\(\)\n@description\('[^\n]*'\)\nparam graphClientSecret string = ''$/m,
    );
  });
});

describe('every ${{VAR}} is defined before it is used', () => {
  /**
   * Walks the lifecycles in order, as `atk provision`, `deploy` and `publish` run them: a variable
   * is defined by env/.env.<env>, or by an earlier action (`writeToEnvironmentFile`, and each
   * output of the template for arm/deploy). The manifest counts as used by the steps that fill
   * it, the parameters file by arm/deploy.
   */
  function undefinedVariables(file: string, envName: string): string[] {
    const yml = project(file);
    const defined = new Set(Object.keys(envFile(envName)));
    const missing: string[] = [];
    for (const lifecycle of LIFECYCLES) {
      for (const step of yml[lifecycle] ?? []) {
        const used = placeholders(JSON.stringify(step.with ?? {}));
        if (step.uses === 'teamsApp/validateManifest' || step.uses === 'teamsApp/zipAppPackage') {
          used.push(...placeholders(read(step.with!.manifestPath as string)));
        }
        if (step.uses === 'aadApp/update') {
          used.push(...placeholders(read(step.with!.manifestPath as string)));
        }
        if (step.uses === 'arm/deploy') {
          for (const template of step.with!.templates as { parameters: string }[]) {
            used.push(...placeholders(read(template.parameters)));
          }
        }
        missing.push(
          ...used.filter((name) => !defined.has(name)).map((name) => `${step.uses}: ${name}`),
        );
        for (const name of Object.values(step.writeToEnvironmentFile ?? {})) {
          defined.add(name);
        }
        if (step.uses === 'arm/deploy') {
          bicepOutputs().forEach((name) => defined.add(name));
        }
      }
    }
    return [...new Set(missing)];
  }

  it('in m365agents.yml, the manifest and infra/main.parameters.json, for env/.env.dev', () => {
    expect(undefinedVariables('m365agents.yml', 'dev')).toEqual([]);
  });

  it('in m365agents.local.yml and the manifest, for env/.env.local', () => {
    expect(undefinedVariables('m365agents.local.yml', 'local')).toEqual([]);
  });

  it('so the check can fail: a placeholder nothing defines is found', () => {
    expect(placeholders('x ${{ NOWHERE_DEFINED }} y')).toEqual(['NOWHERE_DEFINED']);
    expect(Object.keys(envFile('dev'))).not.toContain('NOWHERE_DEFINED');
  });

  it('lists in env/.env.dev every output the template writes back, so the file shows them', () => {
    expect(Object.keys(envFile('dev'))).toEqual(expect.arrayContaining(bicepOutputs()));
  });

  it('lists in env/.env.dev every non-secret value an action writes (secrets go to .env.dev.user)', () => {
    const written = LIFECYCLES.flatMap((lifecycle) =>
      (project('m365agents.yml')[lifecycle] ?? []).flatMap((step) =>
        Object.values(step.writeToEnvironmentFile ?? {}),
      ),
    ).filter((name) => !name.startsWith('SECRET_'));
    expect(written).toContain('AAD_APP_CLIENT_ID');
    expect(Object.keys(envFile('dev'))).toEqual(expect.arrayContaining(written));
  });
});

describe('env/', () => {
  it('names each environment as its file does', () => {
    expect(envFile('dev')).toMatchObject({ TEAMSFX_ENV: 'dev', APP_NAME_SUFFIX: 'dev' });
    expect(envFile('local')).toMatchObject({ TEAMSFX_ENV: 'local', APP_NAME_SUFFIX: 'local' });
  });

  it('commits no secret and no generated id: secrets go to the gitignored .user files', () => {
    const ignore = read('.gitignore').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['env/.env.*.user', 'appPackage/build/']));
    for (const name of ['dev', 'local']) {
      const values = envFile(name);
      for (const [key, value] of Object.entries(values)) {
        expect(key.startsWith('SECRET_'), `${name}: ${key}`).toBe(false);
        if (!['TEAMSFX_ENV', 'APP_NAME_SUFFIX'].includes(key)) {
          expect(value, `${name}: ${key}`).toBe('');
        }
      }
    }
  });

  it('names every secret an action writes SECRET_*, so the Toolkit keeps it in the .user file', () => {
    const secretOutputs = ['botPassword', 'clientSecret'];
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const yml = project(file);
      for (const lifecycle of LIFECYCLES) {
        for (const step of yml[lifecycle] ?? []) {
          for (const [output, name] of Object.entries(step.writeToEnvironmentFile ?? {})) {
            expect(name.startsWith('SECRET_'), `${file}: ${output}`).toBe(
              secretOutputs.includes(output),
            );
          }
        }
      }
    }
  });
});
