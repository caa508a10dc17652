import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_API_AUDIENCE } from '../../src/api/auth/local-issuer.ts';
import { FABRIKAM_TENANT_ID } from '../../src/simulator/index.ts';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { startRequestStack } from '../bot/support/request-stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const FELIX = 'f2b1c3d4-0001-4000-8000-000000000002';
const FREYA_UPN = 'freya.lind@fabrikam.example';

let stack: TestStack;
let api: ApiClient;

/** A delegated token Entra would issue to `userId` in `tenantId`. */
const tokenIn = (tenantId: string, userId: string) =>
  api.issuer.sign(tenantId, {
    aud: LOCAL_API_AUDIENCE,
    oid: userId,
    sub: userId,
    scp: 'access_as_user',
    name: 'Felix Moreau',
    roles: ['Licenses.Request'],
  });

beforeAll(async () => {
  stack = await startRequestStack({ size: 50 });
  api = await apiClient(stack);
}, 60_000);
afterEach(() => stack.settle());
afterAll(async () => {
  await stack?.close();
});

describe("the REST API serves each tenant's callers in their own tenant", () => {
  it("makes a Fabrikam caller's request in Fabrikam, where Contoso's callers cannot see it", async () => {
    const felix = await tokenIn(FABRIKAM_TENANT_ID, FELIX);
    const asked = await api.call('POST', `/api/identity/users/${FREYA_UPN}/licenses`, {
      token: felix,
      body: { sku: 'Microsoft 365 E5', justification: 'leads the Visio roll-out' },
    });
    expect(asked.status).toBe(202);
    const id = asked.body.id as string;
    expect(asked.body).toMatchObject({ state: 'pending', userCount: 1 });

    const alex = await api.userToken(ALEX_WILBER, ['Licenses.Read']);
    const fromContoso = await api.call('GET', `/api/automation/bulk-licenses/operations/${id}`, {
      token: alex,
    });
    expect(fromContoso.status).toBe(404);
    const listed = await api.call('GET', '/api/automation/bulk-licenses/operations', {
      token: await api.userToken(ALEX_WILBER, ['Licenses.Approve']),
    });
    expect(JSON.stringify(listed.body)).not.toContain(id);

    const fromFabrikam = await api.call('GET', `/api/automation/bulk-licenses/operations/${id}`, {
      token: felix,
    });
    expect(fromFabrikam.status).toBe(200);
  });

  it("finds a Fabrikam user only in Fabrikam: Contoso's caller gets the user not found", async () => {
    const alex = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const asked = await api.call('POST', `/api/identity/users/${FREYA_UPN}/licenses`, {
      token: alex,
      body: { sku: 'Microsoft 365 E5', justification: 'not ours' },
    });
    expect(asked.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(asked.body)).toContain(FREYA_UPN);
  });

  it("decides a customer's requests under its own policy, set by the operator's approver", async () => {
    const megan = {
      aadObjectId: '00000000-0000-0000-0000-0000000000021',
      tenantId: stack.tenantId,
    };
    const set = await stack.send(
      { type: 'message', text: 'tenant policy fabrikam expiry-hours 2' },
      megan,
    );
    expect(JSON.stringify(set.replies)).toContain('requests expire after 2 h');
    const felix = await tokenIn(FABRIKAM_TENANT_ID, FELIX);
    const asked = await api.call(
      'POST',
      '/api/identity/users/fiona.admin@fabrikam.example/licenses',
      {
        token: felix,
        body: { sku: 'Visio Plan 2', justification: 'diagrams' },
      },
    );
    expect(asked.status).toBe(202);
    const hours =
      (Date.parse(asked.body.expiresAt as string) - Date.parse(asked.body.createdAt as string)) /
      3_600_000;
    expect(hours).toBe(2);
    // Contoso keeps the deployment's 72 hours.
    const alex = await api.userToken(ALEX_WILBER, ['Licenses.Request']);
    const ours = await api.call(
      'POST',
      '/api/identity/users/adelev@contoso.onmicrosoft.com/licenses',
      {
        token: alex,
        body: { sku: 'Power BI Pro', justification: 'reports' },
      },
    );
    expect(
      (Date.parse(ours.body.expiresAt as string) - Date.parse(ours.body.createdAt as string)) /
        3_600_000,
    ).toBe(72);
    await stack.send({ type: 'message', text: 'tenant policy fabrikam default' }, megan);
  });

  it('refuses a token of a tenant License Desk does not serve', async () => {
    const stranger = await tokenIn('99999999-8888-4777-8666-555555555555', FELIX);
    const refused = await api.call('GET', '/api/automation/bulk-licenses/operations', {
      token: stranger,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'TENANT_NOT_SERVED' });
  });
});
