/**
 * The app settings infra/main.bicep gives the bot are what production needs with the managed
 * identity: fed through the real config loader (with stand-in values for what Azure fills in at
 * deployment), they start production mode with managed identities for the bot, Graph and Cosmos.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { environmentVariableNames } from '../../src/config/environment-variables.ts';
import {
  literalString,
  moduleNamed,
  nameValueItems,
  params,
  property,
  readRepoFile,
  variable,
} from './bicep-text.ts';

const main = readRepoFile('infra/main.bicep');
const settings = nameValueItems(variable(main, 'appSettings'));

const IDENTITY_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const TENANT_ID = '99999999-8888-7777-6666-555555555555';
const APPROVERS = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const defaults = new Map(params(main).map((param) => [param.name, param.defaultValue]));

/** What each expression of the template is at deployment, for the expressions it uses. */
const deployed: Record<string, string> = {
  'identity.properties.clientId': IDENTITY_CLIENT_ID,
  tenantId: TENANT_ID,
  'cosmos.outputs.endpoint': 'https://licensedesk-cosmos.documents.azure.com:443/',
  cosmosDatabaseName: literalString(defaults.get('cosmosDatabaseName')!)!,
  approverGroupIds: APPROVERS,
  requesterGroupIds: literalString(defaults.get('requesterGroupIds')!)!,
  'appInsights.properties.ConnectionString':
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
};

const environment = (): Record<string, string> =>
  Object.fromEntries(
    [...settings].map(([name, expression]) => {
      const value = literalString(expression) ?? deployed[expression];
      if (value === undefined) {
        throw new Error(`${name}: the test does not know what ${expression} is at deployment`);
      }
      return [name, value];
    }),
  );

const loads = (env: Record<string, string>): boolean => {
  try {
    loadConfig(env);
    return true;
  } catch {
    return false;
  }
};

describe('the app settings of infra/main.bicep', () => {
  it('start License Desk in production with the managed identity for the bot, Graph and Cosmos', () => {
    const config = loadConfig(environment());
    expect(config.mode).toBe('production');
    expect(config.tenantId).toBe(TENANT_ID);
    expect(config.bot).toEqual({
      appType: 'UserAssignedMSI',
      appId: IDENTITY_CLIENT_ID,
      tenantId: TENANT_ID,
    });
    expect(config.graph.credential).toEqual({
      kind: 'managedIdentity',
      clientId: IDENTITY_CLIENT_ID,
    });
    expect(config.cosmos).toEqual({
      kind: 'managedIdentity',
      endpoint: 'https://licensedesk-cosmos.documents.azure.com:443/',
      database: 'license-desk',
      clientId: IDENTITY_CLIENT_ID,
    });
    expect(config.approverGroupIds).toEqual([APPROVERS]);
    expect(config.requesterGroupIds).toEqual([]);
  });

  it('set every setting production cannot start without', () => {
    // Derived from the config: each setting whose absence stops start-up.
    const env = environment();
    const required = Object.keys(env).filter((name) => {
      const { [name]: _left, ...rest } = env;
      return !loads(rest);
    });
    expect(required.sort()).toEqual(
      [
        'APPROVER_GROUP_IDS',
        'COSMOS_ENDPOINT',
        'MicrosoftAppId',
        'MicrosoftAppTenantId',
        'MicrosoftAppType',
      ].sort(),
    );
    // The Graph credential is one of two settings, either enough on its own.
    const {
      GRAPH_MANAGED_IDENTITY: _flag,
      GRAPH_MANAGED_IDENTITY_CLIENT_ID: _id,
      ...withoutGraph
    } = env;
    expect(loads(withoutGraph)).toBe(false);
  });

  it('say production outright, so a lost setting stops start-up instead of starting the demo', () => {
    expect(settings.get('LICENSE_DESK_MODE')).toBe("'production'");
  });

  it('carry no secret: no key, password or client secret', () => {
    for (const name of [
      'MicrosoftAppPassword',
      'GRAPH_CLIENT_SECRET',
      'GRAPH_CERTIFICATE_PATH',
      'COSMOS_KEY',
      'STANDINS',
    ]) {
      expect(settings.has(name), name).toBe(false);
    }
  });

  it('name only settings License Desk or the platform reads (a typo would be ignored silently)', () => {
    const platform = ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'AZURE_CLIENT_ID'];
    for (const name of settings.keys()) {
      expect([...environmentVariableNames, ...platform], name).toContain(name);
    }
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      'appInsights.properties.ConnectionString',
    );
  });

  it('reach both hostings: App Service app settings and Container Apps environment variables', () => {
    expect(property(moduleNamed(main, 'appService').body, 'appSettings')).toBe('appSettings');
    const env = property(moduleNamed(main, 'containerApp').body, 'env')!;
    expect(env).toMatch(/^concat\(appSettings, \[/);
    // The container's port is the one the Dockerfile's image listens on and the ingress targets.
    expect(nameValueItems(env.slice('concat(appSettings, '.length, -1)).get('PORT')).toBe(
      'string(botPort)',
    );
    expect(variable(main, 'botPort')).toBe(
      /ENV .*\bPORT=(\d+)/.exec(readRepoFile('Dockerfile'))![1],
    );

    const appService = readRepoFile('infra/modules/app-service.bicep');
    expect(appService).toMatch(/appSettings: concat\(appSettings, \[/);
    const containerApp = readRepoFile('infra/modules/container-app.bicep');
    expect(containerApp).toMatch(/^ {10}env: env$/m);
  });
});
