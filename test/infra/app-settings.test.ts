/**
 * The app settings infra/main.bicep gives the bot are what production needs: fed through the real
 * config loader (with stand-in values for what Azure fills in at deployment), they start production
 * mode with managed identities for the bot, Graph and Cosmos; given the License Desk API app
 * registration (apiClientId, graphClientSecret), the REST API is on for its audience and Graph
 * signs in as that multi-tenant app with its client secret instead of the managed identity.
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
  ternaryArrays,
  variable,
} from './bicep-text.ts';

const main = readRepoFile('infra/main.bicep');
const appServiceModule = readRepoFile('infra/modules/app-service.bicep');
const containerAppModule = readRepoFile('infra/modules/container-app.bicep');
const common = nameValueItems(variable(main, 'commonSettings'));
const graphSettings = ternaryArrays(main, 'graphSettings');
const apiSettings = ternaryArrays(main, 'apiSettings');
const secretSettings = ternaryArrays(appServiceModule, 'graphSecretSettings');

const IDENTITY_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const TENANT_ID = '99999999-8888-7777-6666-555555555555';
const APPROVERS = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const API_CLIENT_ID = 'c1c1c1c1-2222-4333-8444-555566667777';
const API_SECRET = 'the-api-app-client-secret';
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

interface Given {
  apiClientId?: string;
  graphClientSecret?: string;
}

/** An expression's value: a literal, a known expression, or a string with `${…}` of those. */
const evaluate = (expression: string, values: Record<string, string>): string => {
  const literal = literalString(expression);
  if (literal !== undefined) {
    return literal;
  }
  if (/^'.*'$/.test(expression)) {
    return expression
      .slice(1, -1)
      .replace(/\$\{([^}]+)\}/g, (_, inner: string) => evaluate(inner, values));
  }
  const value = values[expression];
  if (value === undefined) {
    throw new Error(`the test does not know what ${expression} is at deployment`);
  }
  return value;
};

/**
 * The settings App Service gets: `appSettings` = concat(commonSettings, graphSettings,
 * apiSettings) in main.bicep, the branches taken for the given params, and GRAPH_CLIENT_SECRET
 * the app-service module adds from its secure param.
 */
const environment = (given: Given = {}): Record<string, string> => {
  const values = {
    ...deployed,
    apiClientId: given.apiClientId ?? literalString(defaults.get('apiClientId')!)!,
    graphClientSecret:
      given.graphClientSecret ?? literalString(defaults.get('graphClientSecret')!)!,
  };
  const secretGiven = values.graphClientSecret !== '';
  const items = [
    ...common,
    ...nameValueItems(secretGiven ? graphSettings.whenTrue : graphSettings.whenFalse),
    ...nameValueItems(values.apiClientId === '' ? apiSettings.whenTrue : apiSettings.whenFalse),
    ...nameValueItems(secretGiven ? secretSettings.whenFalse : secretSettings.whenTrue),
  ];
  const env: Record<string, string> = {};
  for (const [name, expression] of items) {
    expect(env, `${name} set twice`).not.toHaveProperty(name);
    env[name] = evaluate(expression, values);
  }
  return env;
};

const loads = (env: Record<string, string>): boolean => {
  try {
    loadConfig(env);
    return true;
  } catch {
    return false;
  }
};

/** Every setting main.bicep may give, whichever branch: name → expression. */
const everySetting = new Map([
  ...common,
  ...nameValueItems(graphSettings.whenTrue),
  ...nameValueItems(graphSettings.whenFalse),
  ...nameValueItems(apiSettings.whenTrue),
  ...nameValueItems(apiSettings.whenFalse),
]);

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
    // No API app registration given: no REST API, as before it existed.
    expect(config.api).toBeUndefined();
    expect(environment()).not.toHaveProperty('API_AUDIENCE');
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
    expect(common.get('LICENSE_DESK_MODE')).toBe("'production'");
  });

  it('carry no secret in main.bicep: GRAPH_CLIENT_SECRET comes only from a secure param, in the module', () => {
    for (const name of [
      'MicrosoftAppPassword',
      'GRAPH_CLIENT_SECRET',
      'GRAPH_CERTIFICATE_PATH',
      'COSMOS_KEY',
      'STANDINS',
    ]) {
      expect(everySetting.has(name), name).toBe(false);
    }
    expect(main).toMatch(
      /^@secure\(\)\n@description\('[^\n]*'\)\nparam graphClientSecret string = ''$/m,
    );
    expect(property(moduleNamed(main, 'appService').body, 'graphClientSecret')).toBe(
      'graphClientSecret',
    );
    expect(property(moduleNamed(main, 'containerApp').body, 'graphClientSecret')).toBe(
      'graphClientSecret',
    );
    for (const module of [appServiceModule, containerAppModule]) {
      expect(module).toMatch(
        /^@secure\(\)\n@description\('[^\n]*'\)\nparam graphClientSecret string$/m,
      );
    }
  });

  it('name only settings License Desk or the platform reads (a typo would be ignored silently)', () => {
    const platform = ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'AZURE_CLIENT_ID'];
    for (const name of [
      ...everySetting.keys(),
      ...nameValueItems(secretSettings.whenFalse).keys(),
    ]) {
      expect([...environmentVariableNames, ...platform], name).toContain(name);
    }
    expect(common.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      'appInsights.properties.ConnectionString',
    );
  });

  it('reach both hostings: App Service app settings and Container Apps environment variables', () => {
    expect(main).toMatch(
      /^var appSettings = concat\(commonSettings, graphSettings, apiSettings\)$/m,
    );
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

    expect(appServiceModule).toMatch(/appSettings: concat\(appSettings, graphSecretSettings, \[/);
    expect(containerAppModule).toMatch(/^ {10}env: concat\(env, graphSecretEnv\)$/m);
  });
});

describe('the License Desk API app registration (apiClientId, graphClientSecret)', () => {
  it('is optional: both params default to empty, and the Toolkit passes the aadApp/create outputs', () => {
    expect(defaults.get('apiClientId')).toBe("''");
    expect(defaults.get('graphClientSecret')).toBe("''");
    const parameters = JSON.parse(readRepoFile('infra/main.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    expect(parameters.parameters.apiClientId?.value).toBe('${{AAD_APP_CLIENT_ID}}');
    expect(parameters.parameters.graphClientSecret?.value).toBe(
      '${{SECRET_AAD_APP_CLIENT_SECRET}}',
    );
  });

  it('switches on the REST API for tokens of its app id URI (v1) or client id (v2), Graph staying on the identity', () => {
    expect(apiSettings.condition).toBe('empty(apiClientId)');
    const env = environment({ apiClientId: API_CLIENT_ID });
    expect(env.API_AUDIENCE).toBe(`api://${API_CLIENT_ID},${API_CLIENT_ID}`);
    const config = loadConfig(env);
    expect(config.api?.audiences).toEqual([`api://${API_CLIENT_ID}`, API_CLIENT_ID]);
    expect(config.graph.credential).toEqual({
      kind: 'managedIdentity',
      clientId: IDENTITY_CLIENT_ID,
    });
  });

  it('with its client secret, Graph signs in as that app (home authority: this tenant), never also as the identity', () => {
    expect(graphSettings.condition).toBe('graphUsesClientSecret');
    expect(variable(main, 'graphUsesClientSecret')).toBe('!empty(graphClientSecret)');
    expect(secretSettings.condition).toBe('empty(graphClientSecret)');
    const env = environment({ apiClientId: API_CLIENT_ID, graphClientSecret: API_SECRET });
    expect(env).toMatchObject({ GRAPH_CLIENT_ID: API_CLIENT_ID, GRAPH_CLIENT_SECRET: API_SECRET });
    expect(env).not.toHaveProperty('GRAPH_MANAGED_IDENTITY');
    expect(env).not.toHaveProperty('GRAPH_MANAGED_IDENTITY_CLIENT_ID');
    const config = loadConfig(env);
    expect(config.graph.credential).toEqual({
      kind: 'clientSecret',
      tenantId: TENANT_ID,
      clientId: API_CLIENT_ID,
      clientSecret: API_SECRET,
    });
    // The bot and Cosmos DB keep the managed identity.
    expect(config.bot).toEqual({
      appType: 'UserAssignedMSI',
      appId: IDENTITY_CLIENT_ID,
      tenantId: TENANT_ID,
    });
    expect(config.cosmos).toMatchObject({ kind: 'managedIdentity', clientId: IDENTITY_CLIENT_ID });
    expect(config.api?.audiences).toEqual([`api://${API_CLIENT_ID}`, API_CLIENT_ID]);
  });

  it('a secret without the client id does not start: GRAPH_CLIENT_ID is named', () => {
    expect(() => loadConfig(environment({ graphClientSecret: API_SECRET }))).toThrow(
      /GRAPH_CLIENT_ID/,
    );
  });

  it('Container Apps: the secret is a Container Apps secret the variable refers to, only when given', () => {
    expect(variable(containerAppModule, 'graphSecretName')).toBe("'graph-client-secret'");
    const secrets = ternaryArrays(containerAppModule, 'graphSecrets');
    expect(secrets.condition).toBe('empty(graphClientSecret)');
    expect(secrets.whenTrue.trim()).toBe('');
    expect(nameValueItems(secrets.whenFalse.replace(/name: graphSecretName/, "name: 'x'"))).toEqual(
      new Map([['x', 'graphClientSecret']]),
    );
    const envRef = ternaryArrays(containerAppModule, 'graphSecretEnv');
    expect(envRef.condition).toBe('empty(graphClientSecret)');
    expect(envRef.whenTrue.trim()).toBe('');
    expect(property(envRef.whenFalse, 'name')).toBe("'GRAPH_CLIENT_SECRET'");
    expect(property(envRef.whenFalse, 'secretRef')).toBe('graphSecretName');
    expect(property(containerAppModule, 'secrets')).toBe('graphSecrets');
  });
});
