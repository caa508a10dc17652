import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { MEGAN, startRequestStack } from '../bot/support/request-stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const BULK_ASSIGN = '/api/identity/licenses/bulk-assign';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const upn = (alias: string) => `${alias}@contoso.onmicrosoft.com`;

let stack: TestStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startRequestStack({
    size: 50,
    env: { API_AUTO_APPROVE_APPS: 'hr-system', API_AUTO_APPROVE_MAX_USERS: '5' },
  });
  api = await apiClient(stack);
}, 60_000);
afterEach(() => stack.settle());
afterAll(async () => {
  await stack?.close();
});

const assign = async (token: string, aliases: string[], why: string) =>
  api.call('POST', BULK_ASSIGN, {
    token,
    body: { users: aliases.map(upn), sku: 'Power BI Pro', usageLocation: 'US', justification: why },
  });

async function skuIdsOf(userPrincipalName: string): Promise<string[]> {
  const res = await fetch(`${stack.simulator.url}/_simulator/users/${userPrincipalName}/licenses`);
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}

/** The operation once it is no longer approved or running (10 s at most). */
async function settled(id: string): Promise<Record<string, unknown>> {
  const reader = await api.userToken(MEGAN, ['Licenses.Read']);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const read = await api.call('GET', `/api/automation/bulk-licenses/operations/${id}`, {
      token: reader,
    });
    if (!['approved', 'running'].includes(read.body.state as string)) {
      return read.body;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`operation ${id} still running`);
}

describe('API_AUTO_APPROVE_APPS and API_AUTO_APPROVE_MAX_USERS', () => {
  it('approves an allowed app’s small change itself: it runs without a click', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const reply = await assign(token, ['adelev', 'lynner'], 'onboarding');
    expect(reply.status).toBe(202);
    expect(['approved', 'running', 'succeeded']).toContain(reply.body.state);
    expect(reply.body.autoApproved).toBe(true);
    const done = await settled(reply.body.id as string);
    expect(done).toMatchObject({ state: 'succeeded', counts: { done: 2 } });
    expect(await skuIdsOf(upn('adelev'))).toContain(POWER_BI_PRO);
    expect(await skuIdsOf(upn('lynner'))).toContain(POWER_BI_PRO);
  });

  it('leaves a change of more users than the setting allows pending', async () => {
    const token = await api.appToken('hr-system', ['Licenses.Request']);
    const reply = await assign(
      token,
      ['alexw', 'meganb', 'adelev', 'isaiahl', 'pattif', 'lynner'],
      'six people',
    );
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ state: 'pending', userCount: 6 });
  });

  it('leaves an app not named in the setting pending', async () => {
    const token = await api.appToken('payroll', ['Licenses.Request']);
    const reply = await assign(token, ['meganb'], 'payroll');
    expect(reply.body).toMatchObject({ state: 'pending' });
    expect(reply.body.autoApproved).toBeUndefined();
  });

  it('never lets a signed-in user skip approval, whatever the setting', async () => {
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Request'], { name: 'hr-system' });
    const reply = await assign(token, ['pattif'], 'a user');
    expect(reply.body).toMatchObject({ state: 'pending' });
  });
});
