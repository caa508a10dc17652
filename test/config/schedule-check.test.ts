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

describe('SCHEDULE_CHECK_SECONDS', () => {
  it('looks for due schedules every 30 seconds in production and every 5 seconds in the embedded demo', () => {
    expect(loadConfig(production).scheduleCheckSeconds).toBe(30);
    expect(loadConfig({}).scheduleCheckSeconds).toBe(5);
  });

  it('takes the interval it is given, in either mode', () => {
    expect(loadConfig({ ...production, SCHEDULE_CHECK_SECONDS: '600' }).scheduleCheckSeconds).toBe(
      600,
    );
    expect(loadConfig({ SCHEDULE_CHECK_SECONDS: '30' }).scheduleCheckSeconds).toBe(30);
  });

  it('refuses an interval that is not a whole number of seconds from 1, saying what to set', () => {
    let error: unknown;
    try {
      loadConfig({ SCHEDULE_CHECK_SECONDS: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('SCHEDULE_CHECK_SECONDS');
  });
});
