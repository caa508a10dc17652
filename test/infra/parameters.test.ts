/**
 * Offline checks of infra/ (no Bicep compiler on this machine; .github/workflows/infra.yml
 * compiles and lints it): every param is supplied or defaulted and used, every entry of the
 * parameters file is a param, every module gets what it declares, API versions are real ones.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  identifierUses,
  literalString,
  modules,
  outputs,
  params,
  property,
  readRepoFile,
  repoPath,
  resources,
} from './bicep-text.ts';

const main = readRepoFile('infra/main.bicep');
const parameterFile = JSON.parse(readRepoFile('infra/main.parameters.json')) as {
  $schema: string;
  parameters: Record<string, { value: unknown }>;
};
const moduleFiles = readdirSync(repoPath('infra/modules')).filter((file) =>
  file.endsWith('.bicep'),
);
const bicepFiles = new Map([
  ['main.bicep', main],
  ...moduleFiles.map((file) => [`modules/${file}`, readRepoFile(`infra/modules/${file}`)] as const),
]);

describe('infra/main.parameters.json', () => {
  it('is a deployment parameters file', () => {
    expect(parameterFile.$schema).toBe(
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    );
  });

  it('supplies every param of main.bicep that has no default', () => {
    const required = params(main).filter((param) => param.defaultValue === undefined);
    expect(required.map((param) => param.name).sort()).toEqual([
      'approverGroupIds',
      'resourceBaseName',
    ]);
    for (const param of required) {
      expect(parameterFile.parameters, param.name).toHaveProperty(param.name);
    }
  });

  it('names only params of main.bicep, with values of their type and allowed values', () => {
    const declared = new Map(params(main).map((param) => [param.name, param]));
    for (const [name, { value }] of Object.entries(parameterFile.parameters)) {
      const param = declared.get(name);
      expect(param, `${name} is not a param of main.bicep`).toBeDefined();
      const jsonType = {
        string: 'string',
        int: 'number',
        bool: 'boolean',
        array: 'object',
        object: 'object',
      }[param!.type];
      expect(typeof value, name).toBe(jsonType);
      if (param!.allowed !== undefined) {
        expect(param!.allowed, name).toContain(value);
      }
    }
  });

  it('reads what differs per environment from the Agents Toolkit env, as ${{NAME}}', () => {
    const text = readRepoFile('infra/main.parameters.json');
    const placeholders = [...text.matchAll(/\$\{\{([^}]*)\}\}/g)].map((match) => match[1]);
    expect(placeholders).toEqual([
      'RESOURCE_SUFFIX',
      'APPROVER_GROUP_IDS',
      'APP_NAME_SUFFIX',
      // The License Desk API app registration's outputs (aadApp/create in m365agents.yml).
      'AAD_APP_CLIENT_ID',
      'SECRET_AAD_APP_CLIENT_SECRET',
    ]);
    expect(parameterFile.parameters.resourceBaseName?.value).toBe(
      'licensedesk${{RESOURCE_SUFFIX}}',
    );
    expect(parameterFile.parameters.approverGroupIds?.value).toBe('${{APPROVER_GROUP_IDS}}');
  });
});

describe('infra Bicep files', () => {
  it('use every param they declare', () => {
    for (const [file, text] of bicepFiles) {
      for (const param of params(text)) {
        expect(
          identifierUses(text, param.name),
          `${file}: param ${param.name} is never used`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('give each module exactly the params it declares, all the required ones', () => {
    for (const [file, text] of bicepFiles) {
      for (const module of modules(text)) {
        const declared = params(bicepFiles.get(module.type) ?? '');
        expect(declared.length, `${file}: module ${module.type} not found`).toBeGreaterThan(0);
        const given = property(module.body, 'params')!;
        const keys = [...given.matchAll(/^ {4}(\w+): /gm)].map((match) => match[1]);
        expect(keys.sort(), `${file}: module ${module.symbol}`).toEqual(
          expect.arrayContaining(
            declared.filter((p) => p.defaultValue === undefined).map((p) => p.name),
          ),
        );
        for (const key of keys) {
          expect(
            declared.map((p) => p.name),
            `${file}: module ${module.symbol} gets ${key}`,
          ).toContain(key);
        }
      }
    }
  });

  it('declare every module file they use, and every module file is used', () => {
    const used = modules(main).map((module) => module.type);
    expect(used.sort()).toEqual(moduleFiles.map((file) => `modules/${file}`).sort());
  });

  it('use current, non-preview API versions', () => {
    const known: Record<string, string> = {
      'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
      'Microsoft.OperationalInsights/workspaces': '2023-09-01',
      'Microsoft.Insights/components': '2020-02-02',
      'Microsoft.DocumentDB/databaseAccounts': '2024-05-15',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases': '2024-05-15',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers': '2024-05-15',
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': '2024-05-15',
      'Microsoft.KeyVault/vaults': '2023-07-01',
      'Microsoft.Authorization/roleAssignments': '2022-04-01',
      'Microsoft.Web/serverfarms': '2023-12-01',
      'Microsoft.Web/sites': '2023-12-01',
      'Microsoft.App/managedEnvironments': '2024-03-01',
      'Microsoft.App/containerApps': '2024-03-01',
      'Microsoft.BotService/botServices': '2022-09-15',
      'Microsoft.BotService/botServices/channels': '2022-09-15',
    };
    const seen = new Set<string>();
    for (const [file, text] of bicepFiles) {
      for (const resource of resources(text)) {
        expect(resource.apiVersion, `${file}: ${resource.type}`).toBe(known[resource.type]);
        seen.add(resource.type);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(known).sort());
  });

  it('output what the Agents Toolkit, `npm run package` and the deploy step read', () => {
    const declared = outputs(main);
    for (const name of [
      'BOT_ID',
      'BOT_DOMAIN',
      'BOT_TENANT_ID',
      'COSMOS_ENDPOINT',
      'IDENTITY_CLIENT_ID',
      'IDENTITY_PRINCIPAL_ID',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'BOT_AZURE_APP_SERVICE_RESOURCE_ID',
    ]) {
      expect(declared.get(name)?.type, name).toBe('string');
    }
    // The bot's Microsoft App ID is the identity's client id (UserAssignedMSI).
    expect(declared.get('BOT_ID')?.value).toBe('identity.properties.clientId');
    expect(declared.get('IDENTITY_CLIENT_ID')?.value).toBe('identity.properties.clientId');
    expect(declared.get('IDENTITY_PRINCIPAL_ID')?.value).toBe('identity.properties.principalId');
    expect(declared.get('BOT_TENANT_ID')?.value).toBe('tenantId');
    expect(literalString(declared.get('BOT_DOMAIN')!.value)).toBeUndefined();
  });
});
