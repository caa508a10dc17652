/** Cosmos DB in infra/: the containers the code uses, Entra-only access, serverless, backups. */
import { describe, expect, it } from 'vitest';
import { containerDefinitions } from '../../src/store/containers.ts';
import {
  moduleNamed,
  params,
  property,
  readRepoFile,
  resourceOfType,
  variable,
} from './bicep-text.ts';

const main = readRepoFile('infra/main.bicep');
const cosmos = readRepoFile('infra/modules/cosmos.bicep');
const account = resourceOfType(cosmos, 'Microsoft.DocumentDB/databaseAccounts');

describe('Cosmos DB (infra/modules/cosmos.bicep)', () => {
  it('creates every container of containerDefinitions with its partition key', () => {
    const json = JSON.parse(readRepoFile('infra/cosmos-containers.json')) as Record<string, string>;
    expect(json).toEqual(containerDefinitions);
    expect(Object.keys(json)).toEqual(Object.keys(containerDefinitions));
    expect(json.operationItems).toBe('/operationId');
    expect(json.requestCards).toBe('/operationId');
    expect(json.schedules).toBe('/tenantId');

    // …and the template creates one container per entry of that file, keyed as it says.
    expect(variable(cosmos, 'containerDefinitions')).toBe(
      "loadJsonContent('../cosmos-containers.json')",
    );
    const containers = resourceOfType(
      cosmos,
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
    );
    expect(cosmos).toMatch(/^ {2}for container in items\(containerDefinitions\): \{$/m);
    expect(property(containers.body, 'name')).toBe('container.key');
    expect(property(containers.body, 'id')).toBe('container.key');
    expect(property(containers.body, 'paths')!.replace(/\s+/g, ' ')).toBe('[ container.value ]');
    expect(property(containers.body, 'parent')).toBe('database');
  });

  it('creates the database the bot is told to use', () => {
    const database = resourceOfType(cosmos, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
    expect(property(database.body, 'name')).toBe('databaseName');
    expect(property(moduleNamed(main, 'cosmos').body, 'databaseName')).toBe('cosmosDatabaseName');
  });

  it('allows Entra ID only (no keys) and is serverless with continuous backup by default', () => {
    expect(property(account.body, 'disableLocalAuth')).toBe('true');
    expect(property(account.body, 'disableKeyBasedMetadataWriteAccess')).toBe('true');
    expect(property(property(account.body, 'backupPolicy')!, 'type')).toBe("'Continuous'");
    expect(property(account.body, 'capabilities')).toMatch(
      /^capacityMode == 'serverless'\s*\? \[\s*\{\s*name: 'EnableServerless'\s*\}\s*\]\s*: \[\]$/,
    );
    expect(property(moduleNamed(main, 'cosmos').body, 'capacityMode')).toBe('cosmosCapacityMode');
    const mode = params(main).find((param) => param.name === 'cosmosCapacityMode')!;
    expect(mode.defaultValue).toBe("'serverless'");
    expect(mode.allowed).toEqual(['serverless', 'provisioned']);
    // Provisioned throughput is shared on the database, never set on a serverless one.
    const database = resourceOfType(cosmos, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
    expect(property(database.body, 'options')).toMatch(
      /^capacityMode == 'provisioned'\s*\? \{\s*throughput: databaseThroughput\s*\}\s*: \{\}$/,
    );
  });

  it('grants the identity "Cosmos DB Built-in Data Contributor" on the data plane', () => {
    const assignment = resourceOfType(
      cosmos,
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
    );
    expect(variable(cosmos, 'dataContributorRoleDefinitionId')).toBe(
      "'00000000-0000-0000-0000-000000000002'",
    );
    expect(property(assignment.body, 'roleDefinitionId')).toBe(
      "'${account.id}/sqlRoleDefinitions/${dataContributorRoleDefinitionId}'",
    );
    expect(property(assignment.body, 'principalId')).toBe('principalId');
    expect(property(moduleNamed(main, 'cosmos').body, 'principalId')).toBe(
      'identity.properties.principalId',
    );
  });
});
