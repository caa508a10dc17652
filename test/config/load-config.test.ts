import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  exitOnConfigError,
  loadConfig,
  loadConfigOrExit,
  readEnvironment,
  settingsError,
} from '../../src/config.ts';

const APP_ID = '11111111-1111-4111-8111-111111111111';
const TENANT_ID = '22222222-2222-4222-8222-222222222222';
const APPROVERS = '33333333-3333-4333-8333-333333333333';
const REQUESTERS = '44444444-4444-4444-8444-444444444444';
const IDENTITY = '55555555-5555-4555-8555-555555555555';

const singleTenant = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'bot-secret-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT_ID,
  GRAPH_CLIENT_SECRET: 'graph-secret-value',
  COSMOS_ENDPOINT: 'https://contoso-licenses.documents.azure.com:443/',
  COSMOS_KEY: 'cosmos-key-value',
  APPROVER_GROUP_IDS: APPROVERS,
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  describe('embedded mode', () => {
    it('starts with nothing configured: simulator, in-process Cosmos, anonymous bot, Test Tool tenant', () => {
      expect(loadConfig({})).toEqual({
        mode: 'embedded',
        port: 3978,
        host: '127.0.0.1',
        logLevel: 'info',
        tenantId: '00000000-0000-0000-0000-0000000000001',
        approverGroupIds: [],
        requesterGroupIds: [],
        allowGuests: false,
        approvalExpiryHours: 72,
        bulkConfirmAbove: 500,
        twoApproversAboveUsers: 1000,
        resumeIntervalSeconds: 30,
        runLeaseSeconds: 60,
        expirySweepSeconds: 60,
        alertIntervalSeconds: 15,
        scheduleCheckSeconds: 5,
        bot: { appType: 'anonymous' },
        graph: { credential: { kind: 'staticToken', token: 'license-desk-embedded-simulator' } },
        cosmos: { kind: 'embedded', database: 'license-desk' },
        simulator: { port: 3979, seed: 1, size: 3000, groupProcessingMs: 2000 },
        testTool: { port: 56150 },
        standIns: { port: 3981, cosmosPort: 3980 },
      });
    });

    it('takes ports, log level and demo tenant size from the environment, ignoring blank values', () => {
      const config = loadConfig({
        PORT: '4000',
        LOG_LEVEL: 'DEBUG',
        SIMULATOR_SIZE: '300',
        SIMULATOR_SEED: '7',
        SIMULATOR_GROUP_PROCESSING_MS: '500',
        TEST_TOOL_PORT: '56151',
        COSMOS_DATABASE: '',
        MicrosoftAppId: '  ',
      });
      expect(config).toMatchObject({
        mode: 'embedded',
        port: 4000,
        logLevel: 'debug',
        simulator: { port: 3979, seed: 7, size: 300, groupProcessingMs: 500 },
        testTool: { port: 56151 },
        cosmos: { database: 'license-desk' },
      });
    });

    it("accepts the demo tenant's group ids, which are not all well-formed GUIDs", () => {
      const config = loadConfig({
        APPROVER_GROUP_IDS: 'group-license-approvers, 00000000-0000-0000-0000-0000000000100',
      });
      expect(config.approverGroupIds).toEqual([
        'group-license-approvers',
        '00000000-0000-0000-0000-0000000000100',
      ]);
    });

    it('listens on loopback unless HOST says otherwise', () => {
      expect(loadConfig({}).host).toBe('127.0.0.1');
      expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    });

    it('runs on the stand-ins of `npm run stand-ins` when STANDINS names them', () => {
      const config = loadConfig({ STANDINS: 'http://127.0.0.1:3981' });
      expect(config).toMatchObject({
        mode: 'embedded',
        standIns: { url: 'http://127.0.0.1:3981', port: 3981, cosmosPort: 3980 },
      });
    });

    it('takes the ports of `npm run stand-ins` from COSMOS_PORT and STANDINS_PORT', () => {
      expect(loadConfig({ COSMOS_PORT: '4980', STANDINS_PORT: '0' })).toMatchObject({
        standIns: { port: 0, cosmosPort: 4980 },
      });
    });

    it('refuses a STANDINS that is not an http URL, and stand-in ports out of range', () => {
      expect(
        problemsOf({ STANDINS: '127.0.0.1:3981', COSMOS_PORT: '70000', STANDINS_PORT: 'next' }),
      ).toEqual([
        expect.stringMatching(/^COSMOS_PORT: must be between 0 and 65535/),
        expect.stringMatching(/^STANDINS_PORT: is not a whole number/),
        expect.stringMatching(
          /^STANDINS: is not an http or https URL\. Set it to the line `npm run stand-ins` prints/,
        ),
      ]);
      expect(problemsOf({ STANDINS: 'ftp://127.0.0.1:3981' })).toEqual([
        expect.stringMatching(/^STANDINS: is not an http or https URL/),
      ]);
    });

    it('still refuses malformed values', () => {
      expect(problemsOf({ PORT: '99999', LOG_LEVEL: 'loud' })).toEqual([
        expect.stringMatching(/^PORT: must be between 1 and 65535/),
        expect.stringMatching(
          /^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/,
        ),
      ]);
    });
  });

  describe('production mode', () => {
    it('listens on every interface by default, or on the HOST it is given', () => {
      expect(loadConfig(singleTenant).host).toBe('0.0.0.0');
      expect(loadConfig({ ...singleTenant, HOST: '::' }).host).toBe('::');
      expect(loadConfig({ ...singleTenant, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    });

    it('refuses a HOST that is not an address, saying what to set', () => {
      expect(problemsOf({ ...singleTenant, HOST: 'every-interface' })).toEqual([
        expect.stringMatching(/^HOST: is not an IP address\. Set HOST to .*0\.0\.0\.0/),
      ]);
    });

    it('builds a SingleTenant bot with a Graph client secret and a Cosmos key', () => {
      const config = loadConfig({ ...singleTenant, REQUESTER_GROUP_IDS: `${REQUESTERS}, ` });
      expect(config).toMatchObject({
        mode: 'production',
        tenantId: TENANT_ID,
        approverGroupIds: [APPROVERS],
        requesterGroupIds: [REQUESTERS],
        bot: {
          appType: 'SingleTenant',
          appId: APP_ID,
          appPassword: 'bot-secret-value',
          tenantId: TENANT_ID,
        },
        graph: {
          credential: {
            kind: 'clientSecret',
            tenantId: TENANT_ID,
            clientId: APP_ID,
            clientSecret: 'graph-secret-value',
          },
        },
        cosmos: {
          kind: 'key',
          endpoint: 'https://contoso-licenses.documents.azure.com:443/',
          key: 'cosmos-key-value',
          database: 'license-desk',
        },
      });
      expect(config).not.toHaveProperty('simulator');
    });

    it('uses the bot’s user-assigned identity for Graph and Cosmos when no other credential is given', () => {
      const config = loadConfig({
        MicrosoftAppId: IDENTITY,
        MicrosoftAppType: 'userassignedmsi',
        MicrosoftAppTenantId: TENANT_ID,
        GRAPH_MANAGED_IDENTITY: 'true',
        COSMOS_ENDPOINT: 'https://contoso-licenses.documents.azure.com:443/',
        APPROVER_GROUP_IDS: APPROVERS,
      });
      expect(config).toMatchObject({
        bot: { appType: 'UserAssignedMSI', appId: IDENTITY, tenantId: TENANT_ID },
        graph: { credential: { kind: 'managedIdentity', clientId: IDENTITY } },
        cosmos: {
          kind: 'managedIdentity',
          endpoint: 'https://contoso-licenses.documents.azure.com:443/',
        },
      });
      expect(config.bot).not.toHaveProperty('appPassword');
    });

    it('takes a Graph certificate from a file that exists', () => {
      const directory = mkdtempSync(join(tmpdir(), 'license-desk-config-'));
      const certificatePath = join(directory, 'graph.pem');
      writeFileSync(certificatePath, 'not read at start-up');
      const { GRAPH_CLIENT_SECRET: _secret, ...withoutSecret } = singleTenant;
      const config = loadConfig({
        ...withoutSecret,
        GRAPH_CERTIFICATE_PATH: certificatePath,
        GRAPH_CLIENT_ID: IDENTITY,
      });
      expect(config.graph.credential).toEqual({
        kind: 'certificate',
        tenantId: TENANT_ID,
        clientId: IDENTITY,
        certificatePath,
      });
    });

    it('lists every problem at once, each with what to do, and no stack trace', () => {
      let error: unknown;
      try {
        loadConfig({
          MicrosoftAppId: 'my-bot',
          MicrosoftAppType: 'MultiTenant',
          PORT: 'eighty',
          GRAPH_CLIENT_SECRET: 'graph-secret-value',
          GRAPH_CERTIFICATE_PATH: '/nowhere/graph.pem',
          COSMOS_ENDPOINT: 'http://contoso-licenses.documents.azure.com',
          APPROVER_GROUP_IDS: 'License Approvers',
        });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const { problems, message } = error as ConfigError;
      expect(problems.map((problem) => problem.split(':')[0])).toEqual([
        'PORT',
        'MicrosoftAppId',
        'MicrosoftAppType',
        'GRAPH_CERTIFICATE_PATH',
        'COSMOS_ENDPOINT',
        'MicrosoftAppTenantId',
        'Graph credential',
        'APPROVER_GROUP_IDS',
      ]);
      expect(message.split('\n')[0]).toBe(
        'License Desk cannot start in production mode: 8 settings need attention.',
      );
      expect(message).toContain('  - MicrosoftAppType: must be SingleTenant or UserAssignedMSI');
      expect(message).toContain(
        '  - Graph credential: GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH are both set. Keep only one.',
      );
      expect(message).not.toMatch(/\n\s+at /);
      expect(message).not.toContain('graph-secret-value');
    });

    it('names everything production needs when production is asked for with nothing set', () => {
      expect(problemsOf({ LICENSE_DESK_MODE: 'production' }).map((p) => p.split(':')[0])).toEqual([
        'MicrosoftAppId',
        'MicrosoftAppType',
        'MicrosoftAppTenantId',
        'Graph credential',
        'COSMOS_ENDPOINT',
        'APPROVER_GROUP_IDS',
      ]);
    });

    it('asks for the bot password of a SingleTenant bot and refuses one for a managed identity', () => {
      const { MicrosoftAppPassword: _password, ...withoutPassword } = singleTenant;
      expect(problemsOf(withoutPassword)).toEqual([
        expect.stringMatching(/^MicrosoftAppPassword: missing\./),
      ]);
      expect(
        problemsOf({
          ...singleTenant,
          MicrosoftAppType: 'UserAssignedMSI',
          GRAPH_CLIENT_ID: APP_ID,
        }),
      ).toEqual([
        expect.stringMatching(/^MicrosoftAppPassword: must not be set for a UserAssignedMSI bot/),
      ]);
    });

    it('asks which app registration calls Graph when a managed-identity bot has a Graph secret', () => {
      expect(
        problemsOf({
          MicrosoftAppId: IDENTITY,
          MicrosoftAppType: 'UserAssignedMSI',
          MicrosoftAppTenantId: TENANT_ID,
          GRAPH_CLIENT_SECRET: 'graph-secret-value',
          COSMOS_ENDPOINT: 'https://contoso-licenses.documents.azure.com:443/',
          APPROVER_GROUP_IDS: APPROVERS,
        }),
      ).toEqual([expect.stringMatching(/^GRAPH_CLIENT_ID: missing\./)]);
    });

    it('gives a new Cosmos database shared throughput when asked, so ten containers do not each cost 400 RU/s', () => {
      expect(
        loadConfig({ ...singleTenant, COSMOS_DATABASE_THROUGHPUT: '1000' }).cosmos,
      ).toMatchObject({
        kind: 'key',
        databaseThroughput: 1000,
      });
      expect(problemsOf({ ...singleTenant, COSMOS_DATABASE_THROUGHPUT: '100' })).toEqual([
        expect.stringMatching(/^COSMOS_DATABASE_THROUGHPUT: must be between 400 and 1000000/),
      ]);
    });

    it('refuses a Cosmos key and a Cosmos managed identity together', () => {
      expect(problemsOf({ ...singleTenant, COSMOS_MANAGED_IDENTITY_CLIENT_ID: IDENTITY })).toEqual([
        expect.stringMatching(/^COSMOS_KEY: and COSMOS_MANAGED_IDENTITY_CLIENT_ID are both set/),
      ]);
    });

    it('refuses STANDINS: production never runs on the stand-ins', () => {
      expect(problemsOf({ ...singleTenant, STANDINS: 'http://127.0.0.1:3981' })).toEqual([
        expect.stringMatching(/^STANDINS: is for the embedded run only.*Remove it\.$/),
      ]);
    });

    it('stays embedded when LICENSE_DESK_MODE says so, whatever credentials are around', () => {
      expect(loadConfig({ ...singleTenant, LICENSE_DESK_MODE: 'embedded' }).mode).toBe('embedded');
    });
  });

  describe('the .env file', () => {
    it('is read from the working directory, and the process environment wins over it', () => {
      const cwd = mkdtempSync(join(tmpdir(), 'license-desk-env-'));
      writeFileSync(
        join(cwd, '.env'),
        'PORT=4001\nLOG_LEVEL=warn\n# a comment\nSIMULATOR_SIZE="120"\n',
      );
      const env = readEnvironment({ cwd, env: { LOG_LEVEL: 'debug' } });
      expect(loadConfig(env)).toMatchObject({
        port: 4001,
        logLevel: 'debug',
        simulator: { size: 120 },
      });
    });

    it('is optional', () => {
      const cwd = mkdtempSync(join(tmpdir(), 'license-desk-env-'));
      expect(readEnvironment({ cwd, env: { PORT: '4002' } })).toEqual({ PORT: '4002' });
    });
  });

  describe('start-up', () => {
    it('prints the list of problems and exits with code 1', () => {
      const written: string[] = [];
      const exits: number[] = [];
      const io = {
        writeError: (text: string) => written.push(text),
        exit: (code: number): never => {
          exits.push(code);
          throw new Error('exited');
        },
      };
      expect(() =>
        loadConfigOrExit(() => loadConfig({ LICENSE_DESK_MODE: 'production' }), io),
      ).toThrow('exited');
      expect(exits).toEqual([1]);
      expect(written.join('')).toMatch(
        /^License Desk cannot start in production mode: 6 settings need attention\.\n/,
      );
      expect(written.join('')).not.toMatch(/\n\s+at /);
    });

    it('gives the settings back when they are fine', () => {
      expect(loadConfigOrExit(() => loadConfig({})).mode).toBe('embedded');
    });

    it('words a setting found unusable only when used as it words the others, and exits', () => {
      const written: string[] = [];
      const io = {
        writeError: (text: string) => written.push(text),
        exit: (code: number): never => {
          throw new Error(`exited ${code}`);
        },
      };
      const error = settingsError('embedded', ['STANDINS: No stand-ins answer at http://x.']);
      expect(() => exitOnConfigError(error, io)).toThrow('exited 1');
      expect(written.join('')).toMatch(
        /^License Desk cannot start in embedded mode: one setting needs attention\.\n {2}- STANDINS: No stand-ins answer at http:\/\/x\.\n/,
      );
      const fault = new Error('a bug');
      expect(() => exitOnConfigError(fault, io)).toThrow(fault);
    });
  });
});
