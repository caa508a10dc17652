import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../src/config.ts';

const base = {
  MicrosoftAppId: '11111111-1111-4111-8111-111111111111',
  MicrosoftAppPassword: 'bot-secret-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222',
  COSMOS_ENDPOINT: 'https://contoso-licenses.documents.azure.com:443/',
  COSMOS_KEY: 'cosmos-key-value',
  APPROVER_GROUP_IDS: '33333333-3333-4333-8333-333333333333',
};

describe('describing the settings', () => {
  it('redacts the bot password, the Graph client secret and the Cosmos key, and says they are set', () => {
    const described = JSON.stringify(
      describeConfig(loadConfig({ ...base, GRAPH_CLIENT_SECRET: 'graph-secret-value' })),
    );
    for (const secret of ['bot-secret-value', 'graph-secret-value', 'cosmos-key-value']) {
      expect(described).not.toContain(secret);
    }
    expect(described.match(/\[redacted\]/g)).toHaveLength(3);
    expect(described).toContain('contoso-licenses.documents.azure.com');
    expect(described).toContain('"appId":"11111111-1111-4111-8111-111111111111"');
  });

  it('redacts the embedded simulator token too', () => {
    const described = describeConfig(loadConfig({}));
    expect(described).toMatchObject({
      graph: { credential: { kind: 'staticToken', token: '[redacted]' } },
    });
  });

  it('does not change the settings it describes', () => {
    const config = loadConfig({ ...base, GRAPH_CLIENT_SECRET: 'graph-secret-value' });
    describeConfig(config);
    expect(config.graph.credential).toMatchObject({ clientSecret: 'graph-secret-value' });
    expect(config.cosmos).toMatchObject({ key: 'cosmos-key-value' });
  });
});
