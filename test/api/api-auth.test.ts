import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_API_AUDIENCE, newLocalIssuer } from '../../src/api/auth/local-issuer.ts';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const OPERATIONS = '/api/automation/bulk-licenses/operations';

describe('REST API authentication', () => {
  let stack: TestStack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack({ size: 50 });
    api = await apiClient(stack);
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  const refusal = async (token: string | undefined, status: number, code: string) => {
    const reply = await api.call('GET', OPERATIONS, token === undefined ? {} : { token });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status, code, instance: OPERATIONS });
    expect(JSON.stringify(reply.body)).not.toMatch(/ at .*\.ts/);
    return reply;
  };

  it('lets in a token of the served tenant with a read role', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read']);
    const reply = await api.call('GET', OPERATIONS, { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ items: [] });
  });

  it('refuses a request without a token, with a Bearer challenge', async () => {
    const reply = await refusal(undefined, 401, 'TOKEN_MISSING');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a token that is not a JWT', async () => {
    await refusal('not-a-token', 401, 'TOKEN_MALFORMED');
  });

  it('refuses an expired token', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read'], {
      exp: Math.floor(Date.now() / 1000) - 600,
    });
    await refusal(token, 401, 'TOKEN_EXPIRED');
  });

  it('refuses a token for another audience', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read'], {
      aud: 'https://graph.microsoft.com',
    });
    await refusal(token, 401, 'TOKEN_WRONG_AUDIENCE');
  });

  it('refuses a token from another issuer', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read'], {
      iss: 'https://evil.example/v2.0',
    });
    await refusal(token, 401, 'TOKEN_WRONG_ISSUER');
  });

  it('accepts the v1 issuer of the tenant too', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read'], {
      iss: `https://sts.windows.net/${stack.tenantId}/`,
    });
    expect((await api.call('GET', OPERATIONS, { token })).status).toBe(200);
  });

  it('refuses a token signed with another key', async () => {
    const stranger = await newLocalIssuer();
    const token = await stranger.sign(stack.tenantId, {
      aud: LOCAL_API_AUDIENCE,
      oid: ALEX_WILBER,
      scp: 'access_as_user',
      roles: ['Licenses.Read'],
    });
    await refusal(token, 401, 'TOKEN_BAD_SIGNATURE');
  });

  it('refuses a token without the role the route needs', async () => {
    await refusal(await api.userToken(ALEX_WILBER, []), 403, 'ROLE_MISSING');
    const reader = await api.appToken('reader-app', ['Licenses.Read']);
    const post = await api.call('POST', `/api/identity/users/${ALEX_WILBER}/licenses`, {
      token: reader,
      body: { sku: 'SPE_E3', justification: 'new hire' },
    });
    expect(post.status).toBe(403);
    expect(post.body.code).toBe('ROLE_MISSING');
  });

  it('refuses a token of a tenant this deployment does not serve', async () => {
    const token = await api.issuer.sign('11111111-2222-3333-4444-555555555555', {
      aud: LOCAL_API_AUDIENCE,
      oid: ALEX_WILBER,
      scp: 'access_as_user',
      roles: ['Licenses.Read'],
    });
    await refusal(token, 403, 'TENANT_NOT_SERVED');
  });

  it('serves the local issuer’s public keys, and no private part', async () => {
    const res = await fetch(`${stack.url}/api/.well-known/jwks.json`);
    const jwks = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
