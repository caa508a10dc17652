import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/api/rate-limit.ts';
import { ApiProblem } from '../../src/api/problem.ts';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const OPERATIONS = '/api/automation/bulk-licenses/operations';

describe('the per-caller rate limit', () => {
  let stack: TestStack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack({ size: 50, env: { API_RATE_LIMIT_PER_MINUTE: '3' } });
    api = await apiClient(stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('answers 429 with Retry-After past the limit, for that caller only', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read']);
    for (let i = 0; i < 3; i += 1) {
      expect((await api.call('GET', OPERATIONS, { token })).status).toBe(200);
    }
    const refused = await api.call('GET', OPERATIONS, { token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const someoneElse = await api.appToken('hr-system', ['Licenses.Read']);
    expect((await api.call('GET', OPERATIONS, { token: someoneElse })).status).toBe(200);
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await fetch(`${stack.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('RateLimiter', () => {
  it('lets a caller in again when the next minute starts', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a');
    limiter.take('a');
    now = 45_000;
    let refused: unknown;
    try {
      limiter.take('a');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiProblem);
    expect((refused as ApiProblem).extra.headers).toEqual({ 'Retry-After': '15' });
    now = 60_000;
    expect(() => limiter.take('a')).not.toThrow();
  });
});
