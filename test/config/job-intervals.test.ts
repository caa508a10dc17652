import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const production = {
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppId: '11111111-1111-4111-8111-111111111111',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222',
  GRAPH_CLIENT_SECRET: 'graph-secret',
  COSMOS_ENDPOINT: 'https://license-desk.documents.azure.com:443/',
  COSMOS_KEY: 'a2V5',
  APPROVER_GROUP_IDS: '33333333-3333-4333-8333-333333333333',
};

describe.each([
  {
    setting: 'ALERT_INTERVAL_SECONDS',
    field: 'alertIntervalSeconds',
    what: 'looks at the tenant for problems',
    inProduction: 300,
    inDemo: 15,
    tooSmall: '2',
  },
  {
    setting: 'SCHEDULE_CHECK_SECONDS',
    field: 'scheduleCheckSeconds',
    what: 'looks for due schedules',
    inProduction: 30,
    inDemo: 5,
    tooSmall: '0',
  },
] as const)('$setting', ({ setting, field, what, inProduction, inDemo, tooSmall }) => {
  it(`${what} every ${inProduction} s in production and every ${inDemo} s in the embedded demo`, () => {
    expect(loadConfig(production)[field]).toBe(inProduction);
    expect(loadConfig({})[field]).toBe(inDemo);
  });

  it('takes the interval it is given, in either mode', () => {
    expect(loadConfig({ ...production, [setting]: '600' })[field]).toBe(600);
    expect(loadConfig({ [setting]: '30' })[field]).toBe(30);
  });

  it('refuses an interval below its least, saying what to set', () => {
    let error: unknown;
    try {
      loadConfig({ [setting]: tooSmall });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(setting);
  });
});
