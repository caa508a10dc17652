import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { MEGAN, startRequestStack } from '../bot/support/request-stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const BULK = '/api/automation/bulk-licenses';
const ADELE = 'adelev@contoso.onmicrosoft.com';

let stack: TestStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startRequestStack({ size: 50 });
  api = await apiClient(stack);
}, 60_000);
afterEach(() => stack.settle());
afterAll(async () => {
  await stack?.close();
});

describe('Idempotency-Key', () => {
  it('answers the same key with the same request (keys in another order) with the same operation', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const headers = { 'Idempotency-Key': 'same-body' };
    const first = await api.call('POST', `/api/identity/users/${ADELE}/licenses`, {
      token,
      headers,
      body: { sku: 'Power BI Pro', justification: 'reports' },
    });
    const again = await api.call('POST', `/api/identity/users/${ADELE}/licenses`, {
      token,
      headers,
      body: '{"justification":"reports","sku":"Power BI Pro"}',
    });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses the same key with another body: 422 IDEMPOTENCY_KEY_REUSED, nothing new stored', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const headers = { 'Idempotency-Key': 'ticket-99' };
    const path = `/api/identity/users/lynner@contoso.onmicrosoft.com/licenses`;
    const first = await api.call('POST', path, {
      token,
      headers,
      body: { sku: 'Power BI Pro', usageLocation: 'US', justification: 'ticket 99' },
    });
    expect(first.status).toBe(202);
    const other = await api.call('POST', path, {
      token,
      headers,
      body: { sku: 'Power BI Pro', usageLocation: 'US', justification: 'another ticket' },
    });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('binds a CSV body’s key to its text and query', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const send = (text: string) =>
      api.call('POST', `${BULK}/assign?sku=Power%20BI%20Pro&usageLocation=US&justification=batch`, {
        token,
        body: text,
        headers: { 'content-type': 'text/csv', 'Idempotency-Key': 'csv-batch-1' },
      });
    const first = await send(`UserPrincipalName\npattif@contoso.onmicrosoft.com\n`);
    expect(first.status).toBe(202);
    expect((await send(`UserPrincipalName\npattif@contoso.onmicrosoft.com\n`)).body.id).toBe(
      first.body.id,
    );
    const changed = await send(`UserPrincipalName\nmeganb@contoso.onmicrosoft.com\n`);
    expect(changed.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('GET /api/automation/bulk-licenses/operations without a state', () => {
  it("lists every operation of the caller's tenant for a reader, newest first, page by page", async () => {
    const asker = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const app = await api.appToken('hr-system', ['Licenses.Request']);
    await api.call(
      'POST',
      `/api/identity/users/isaiahl@contoso.onmicrosoft.com/licenses/Power%20BI%20Pro?justification=left`,
      {
        token: asker,
      },
    );
    await api.call('POST', `${BULK}/remove`, {
      token: app,
      body: {
        selection: { users: ['isaiahl@contoso.onmicrosoft.com'] },
        sku: 'all',
        justification: 'left',
      },
    });
    const reader = await api.userToken(MEGAN, ['Licenses.Read']);
    const seen: { id: string; createdAt: string; requester: { userId: string } }[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({
        pageSize: '2',
        ...(token ? { continuationToken: token } : {}),
      });
      const page = await api.call('GET', `${BULK}/operations?${query.toString()}`, {
        token: reader,
      });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as typeof seen));
      token = page.body.continuationToken as string | undefined;
      pages += 1;
    } while (token !== undefined && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen.map((operation) => operation.requester.userId))).toEqual(
      new Set([ALEX_WILBER, 'hr-system']),
    );
    const times = seen.map((operation) => operation.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
