import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { MEGAN, startRequestStack } from '../bot/support/request-stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const BULK = '/api/automation/bulk-licenses';
const assignCsv = (query: Record<string, string>) =>
  `${BULK}/assign?${new URLSearchParams(query).toString()}`;

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

const csv = (token: string, path: string, text: string, headers: Record<string, string> = {}) =>
  api.call('POST', path, {
    token,
    body: text,
    headers: { 'content-type': 'text/csv', ...headers },
  });

const operationCount = async (): Promise<number> => {
  const reader = await api.userToken(MEGAN, ['Licenses.Approve']);
  const page = await api.call('GET', `${BULK}/operations?pageSize=100`, { token: reader });
  return (page.body.items as unknown[]).length;
};

describe('POST /api/automation/bulk-licenses/* with a text/csv body', () => {
  it('assigns to the users of the CSV, as the chat’s upload reads it: one pending operation', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const reply = await csv(
      token,
      assignCsv({ sku: 'Power BI Pro', usageLocation: 'US', justification: 'onboarding' }),
      'UserPrincipalName\nadelev@contoso.onmicrosoft.com\nlynner@contoso.onmicrosoft.com\n',
    );
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ state: 'pending', kind: 'assign', userCount: 2 });
    expect(reply.headers.get('location')).toBe(`${BULK}/operations/${reply.body.id as string}`);
  });

  it('removes from the CSV’s users with the SKU in the query', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await csv(
      token,
      `${BULK}/remove?sku=Power%20BI%20Pro&justification=left`,
      'UserPrincipalName\nisaiahl@contoso.onmicrosoft.com\n',
    );
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ kind: 'remove', userCount: 1 });
  });

  it('refuses a CSV with wrong rows with 422, listing each row, what is wrong and the fix; nothing is stored', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const before = await operationCount();
    const reply = await csv(
      token,
      assignCsv({ sku: 'Power BI Pro', justification: 'test' }),
      'UserPrincipalName\nadelev@contoso.onmicrosoft.com\nnobody@contoso.onmicrosoft.com\nadelev@contoso.onmicrosoft.com\n',
    );
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'CSV_ROWS_INVALID', status: 422 });
    const rows = reply.body.rows as { line: number; reason: string; fix: string }[];
    expect(rows.map((row) => [row.line, row.reason])).toEqual(
      expect.arrayContaining([
        [3, 'unknown user'],
        [4, 'duplicate'],
      ]),
    );
    expect(rows.every((row) => row.fix.length > 0)).toBe(true);
    expect(await operationCount()).toBe(before);
  });

  it('needs the change in the query: a CSV without justification is a 400 naming it', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await csv(
      token,
      assignCsv({ sku: 'Power BI Pro' }),
      'UserPrincipalName\nadelev@contoso.onmicrosoft.com\n',
    );
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'justification' })]);
  });

  it('takes text/csv on the bulk routes only: 415 elsewhere', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await csv(
      token,
      '/api/identity/users/adelev@contoso.onmicrosoft.com/licenses?sku=x&justification=y',
      'UserPrincipalName\nadelev@contoso.onmicrosoft.com\n',
    );
    expect(reply.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a CSV over 8 MiB with 413, and one that is not UTF-8 with 400', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const huge = await csv(
      token,
      assignCsv({ sku: 'Power BI Pro', justification: 'big' }),
      `UserPrincipalName\n${'a'.repeat(8 * 1024 * 1024)}\n`,
    );
    expect(huge.body).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    const res = await fetch(
      `${stack.url}${assignCsv({ sku: 'Power BI Pro', justification: 'x' })}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: Buffer.from([0x55, 0x50, 0x4e, 0x0a, 0xff, 0xfe, 0x0a]),
      },
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('MALFORMED_CSV');
  });
});
