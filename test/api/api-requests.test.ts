import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/domain/history/history-event.ts';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { approvalCardsPosted, MEGAN, startRequestStack } from '../bot/support/request-stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const ADELE = '00000000-0000-0000-0000-0000000000022';
const LYNNE = '00000000-0000-0000-0000-0000000000025';
const assignTo = (userId: string) => `/api/identity/users/${userId}/licenses`;

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

describe('POST /api/identity/users/:id/licenses', () => {
  it('makes a pending operation whose approval card reaches the approvers; the GET shows it', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('POST', assignTo(ADELE), {
      token,
      body: { sku: 'Power BI Pro', justification: 'quarterly reporting' },
    });
    expect(reply.status).toBe(202);
    const id = reply.body.id as string;
    expect(reply.headers.get('location')).toBe(`/api/automation/bulk-licenses/operations/${id}`);
    expect(reply.body).toMatchObject({
      state: 'pending',
      kind: 'assign',
      userCount: 1,
      requester: { userId: ALEX_WILBER },
      justification: 'quarterly reporting',
      preview: { reasons: expect.any(Array) as unknown },
    });

    await stack.waitForCalls(() => approvalCardsPosted(stack, id).length >= 2);
    expect(approvalCardsPosted(stack, id).map((call) => call.conversationId)).toContain(
      `a:personal-${MEGAN}`,
    );

    const approver = await api.userToken(MEGAN, ['Licenses.Approve']);
    const read = await api.call('GET', reply.headers.get('location')!, { token: approver });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      state: 'pending',
      counts: { planned: 1, done: 0 },
    });
    const items = await api.call('GET', `${reply.headers.get('location')!}/items?state=planned`, {
      token: approver,
    });
    expect(items.body).toEqual({
      items: [expect.objectContaining({ userId: ADELE, state: 'planned' })],
    });
  });

  it('records an app as the requester of what it asks for', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const reply = await api.call('POST', assignTo(LYNNE), {
      token,
      body: { sku: 'Power BI Pro', usageLocation: 'us', justification: 'joined Marketing' },
    });
    expect(reply.status).toBe(202);
    expect(reply.body.requester).toEqual({ userId: 'hr-system', displayName: 'HR system' });
  });

  it('answers a retried POST with the same Idempotency-Key with the same operation', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const ask = () =>
      api.call('POST', assignTo('pattif@contoso.onmicrosoft.com'), {
        token,
        headers: { 'Idempotency-Key': 'hr-ticket-4711' },
        body: { sku: 'Power BI Pro', justification: 'ticket 4711' },
      });
    const first = await ask();
    const second = await ask();
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));

    const mine = await api.call('GET', '/api/automation/bulk-licenses/operations?requester=me', {
      token,
    });
    const ids = (mine.body.items as { id: string }[]).map((operation) => operation.id);
    expect(ids.filter((id) => id === first.body.id)).toHaveLength(1);
  });

  it('names the field of a bad body in a 400', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('POST', assignTo(ADELE), {
      token,
      body: { sku: 'Power BI Pro', usageLocation: 'USA' },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    const fields = (reply.body.errors as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['justification', 'usageLocation']));
  });

  it('refuses a body that is not JSON, or too large', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const notJson = await api.call('POST', assignTo(ADELE), {
      token,
      body: 'sku=E3',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const huge = await api.call('POST', assignTo(ADELE), {
      token,
      body: { sku: 'x'.repeat(100_000), justification: 'big' },
    });
    expect(huge.body).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
  });

  it('answers a SKU the tenant does not have with a 422 problem', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('POST', assignTo(ADELE), {
      token,
      body: { sku: 'No Such License', justification: 'test' },
    });
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
  });

  it('shows a requester only the operations they asked for', async () => {
    const other = await api.userToken(ADELE, ['Licenses.Request']);
    const mine = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const asked = await api.call('POST', assignTo(LYNNE), {
      token: mine,
      body: { sku: 'Power BI Pro', usageLocation: 'US', justification: 'again' },
    });
    const location = asked.headers.get('location')!;
    expect((await api.call('GET', location, { token: other })).status).toBe(404);
    expect((await api.call('GET', location, { token: mine })).status).toBe(200);
  });
});

describe('DELETE /api/identity/users/:id/licenses/:sku', () => {
  it('asks for the removal as the chat does: a pending remove operation', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call(
      'DELETE',
      `/api/identity/users/isaiahl@contoso.onmicrosoft.com/licenses/Power%20BI%20Pro?justification=${encodeURIComponent('left the project')}`,
      { token },
    );
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ kind: 'remove', state: 'pending', userCount: 1 });
  });

  it('needs a justification', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('DELETE', `${assignTo(ADELE)}/Power%20BI%20Pro`, { token });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'justification' })]);
  });
});

describe('POST /api/identity/licenses/bulk-assign', () => {
  it('makes one operation for the users named, with one set of approval cards', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const reply = await api.call('POST', '/api/identity/licenses/bulk-assign', {
      token,
      headers: { 'Idempotency-Key': 'onboarding-batch-7' },
      body: {
        users: ['adelev@contoso.onmicrosoft.com', LYNNE],
        sku: 'Power BI Pro',
        usageLocation: 'US',
        justification: 'onboarding batch 7',
      },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ state: 'pending', userCount: 2 });
    const id = reply.body.id as string;
    await stack.waitForCalls(() => approvalCardsPosted(stack, id).length >= 2);
  });

  it('refuses more users than a body may name, naming the field', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const reply = await api.call('POST', '/api/identity/licenses/bulk-assign', {
      token,
      body: {
        users: Array.from({ length: 1001 }, (_, i) => `u${i}@contoso.onmicrosoft.com`),
        sku: 'Power BI Pro',
        justification: 'too many',
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'users' })]);
  });
});

describe('POST /api/automation/bulk-licenses/assign|remove|modify', () => {
  const BULK = '/api/automation/bulk-licenses';

  it('assigns to a group’s members as the chat does: counted, pending, one set of cards', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('POST', `${BULK}/assign`, {
      token,
      body: {
        selection: { group: 'Sales' },
        sku: 'Power BI Pro',
        justification: 'quarterly reporting',
      },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ state: 'pending', kind: 'assign' });
    const id = reply.body.id as string;
    await stack.waitForCalls(() => approvalCardsPosted(stack, id).length >= 2);
  });

  it('removes from the users a filter matches', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('POST', `${BULK}/remove`, {
      token,
      body: {
        selection: { filter: 'department eq "Sales" and has Power BI Pro' },
        sku: 'Power BI Pro',
        justification: 'reporting moved to Finance',
      },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ state: 'pending', kind: 'remove' });
  });

  it('refuses a selection that names two kinds at once, naming the field', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const reply = await api.call('POST', `${BULK}/modify`, {
      token,
      body: {
        selection: { group: 'Sales', filter: 'department eq "Sales"' },
        action: 'disable',
        plans: ['Yammer'],
        justification: 'no Yammer',
      },
    });
    expect(reply.status).toBe(400);
    expect((reply.body.errors as { field: string }[])[0]?.field).toMatch(/^selection/);
  });
});

describe('POST /api/identity/groups/:id/licenses', () => {
  it('asks for a group license as the chat does: pending, with its approval cards', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const ask = () =>
      api.call('POST', '/api/identity/groups/Sales/licenses', {
        token,
        headers: { 'Idempotency-Key': 'sales-pbi' },
        body: { sku: 'Power BI Pro', justification: 'the whole team reports' },
      });
    const reply = await ask();
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ state: 'pending', kind: 'assign' });
    const id = reply.body.id as string;
    await stack.waitForCalls(() => approvalCardsPosted(stack, id).length >= 2);
    expect((await ask()).body.id).toBe(id);
  });
});

describe('GET /api/identity/licenses/assignment-history', () => {
  it('pages the history by continuation token, with its filters', async () => {
    const events: HistoryEvent[] = Array.from({ length: 23 }, (_, index) => ({
      id: `api-history:${index}`,
      tenantId: stack.tenantId,
      operationId: 'api-history',
      at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      change: 'added',
      userId: ADELE,
      userPrincipalName: 'adelev@contoso.onmicrosoft.com',
      skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
      requester: { userId: ALEX_WILBER, displayName: 'Alex Wilber' },
      result: 'succeeded',
    }));
    await stack.desk.store.history.append(events);
    const token = await api.appToken('auditor', ['Licenses.Read']);
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({
        operationId: 'api-history',
        ...(next ? { continuationToken: next } : {}),
      });
      const reply = await api.call(
        'GET',
        `/api/identity/licenses/assignment-history?${query.toString()}`,
        {
          token,
        },
      );
      expect(reply.status).toBe(200);
      seen.push(...(reply.body.items as { id: string }[]).map((event) => event.id));
      next = reply.body.continuationToken as string | undefined;
      pages += 1;
    } while (next !== undefined && pages < 10);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe('api-history:22');
  });

  it('refuses a date that is not ISO 8601, naming the field', async () => {
    const token = await api.appToken('auditor', ['Licenses.Read']);
    const reply = await api.call(
      'GET',
      '/api/identity/licenses/assignment-history?since=yesterday',
      {
        token,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'since' })]);
  });
});
