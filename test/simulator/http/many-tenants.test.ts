import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFabrikamTenantSeed,
  FABRIKAM_PEOPLE,
  FABRIKAM_TENANT_ID,
  simulatorToken,
  startSimulator,
  type LocalSimulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph } from './client.ts';
import { e3, e5, smallTenantSeed, tenantId as homeId, userId } from './fixture.ts';

const visio = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';
const [fiona, felix, freya] = FABRIKAM_PEOPLE.map((p) => p.id) as [string, string, string];
const homeToken = simulatorToken({ tenantId: homeId, appId: 'msp-app' });
const fabrikamToken = simulatorToken({ tenantId: FABRIKAM_TENANT_ID, appId: 'msp-app' });
const assignE3 = { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] };

let sim: LocalSimulator | undefined;
const start = async (options: SimulatorOptions = {}): Promise<LocalSimulator> => {
  sim = await startSimulator({
    port: 0,
    tenantSeed: smallTenantSeed(60),
    otherTenants: [createFabrikamTenantSeed({ size: 40 })],
    ...options,
  });
  return sim;
};
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const skuIds = async (s: LocalSimulator, token: string) =>
  (await graph(s, '/subscribedSkus', { token })).body.value.map((sku) => sku.skuId).sort();
const licensesOf = async (s: LocalSimulator, path: string) =>
  (await control(s, 'GET', path)).body.assignedLicenses as { skuId: string }[];

describe('a simulator serving several tenants', () => {
  beforeEach(async () => {
    await start();
  });

  it("answers each token's tenant with that tenant's organization, users and SKUs", async () => {
    const s = sim!;
    const org = async (token: string) =>
      (await graph(s, '/organization', { token })).body.value[0]!;
    expect(await org(homeToken)).toMatchObject({ id: homeId, displayName: 'Contoso' });
    expect(await org(fabrikamToken)).toMatchObject({
      id: FABRIKAM_TENANT_ID,
      displayName: 'Fabrikam Ltd',
    });
    const homeUsers = (await graph(s, '/users?$top=999', { token: homeToken })).body.value;
    const fabrikamUsers = (await graph(s, '/users?$top=999', { token: fabrikamToken })).body.value;
    expect(homeUsers).toHaveLength(60);
    expect(fabrikamUsers).toHaveLength(40);
    expect(fabrikamUsers.map((u) => u.id)).toEqual(expect.arrayContaining([fiona, felix, freya]));
    expect(
      fabrikamUsers.every((u) => String(u['userPrincipalName']).endsWith('@fabrikam.example')),
    ).toBe(true);
    expect(await skuIds(s, homeToken)).toEqual([e3, e5].sort());
    expect(await skuIds(s, fabrikamToken)).toEqual([e3, e5, visio].sort());
  });

  it('keeps a token without tid, or an opaque one, on the home tenant, and ignores the case of tid', async () => {
    const s = sim!;
    expect((await graph(s, '/organization', { token: 'opaque' })).body.value[0]!.id).toBe(homeId);
    const shouting = simulatorToken({ tenantId: FABRIKAM_TENANT_ID.toUpperCase(), appId: 'a' });
    expect((await graph(s, '/organization', { token: shouting })).body.value[0]!.id).toBe(
      FABRIKAM_TENANT_ID,
    );
  });

  it('assigns a license in one tenant only, and knows no user of the other', async () => {
    const s = sim!;
    const assigned = await graph(s, `/users/${freya}/assignLicense`, {
      method: 'POST',
      body: assignE3,
      token: fabrikamToken,
    });
    expect(assigned.status).toBe(200);
    expect(await licensesOf(s, `/tenants/${FABRIKAM_TENANT_ID}/users/${freya}/licenses`)).toEqual([
      expect.objectContaining({ skuId: e3 }),
    ]);
    expect(s.tenant(FABRIKAM_TENANT_ID).snapshotUserLicenses(freya).ok).toBe(true);
    // The home tenant's E3 seats did not move, and it has no Freya.
    const homeE3 = (await graph(s, '/subscribedSkus', { token: homeToken })).body.value.find(
      (sku) => sku.skuId === e3,
    );
    expect(homeE3?.['consumedUnits']).toBe(40);
    expectGraphError(
      await graph(s, `/users/${freya}`, { token: homeToken }),
      404,
      'Request_ResourceNotFound',
    );
    expectGraphError(
      await graph(s, `/users/${freya}/assignLicense`, {
        method: 'POST',
        body: assignE3,
        token: homeToken,
      }),
      404,
      'Request_ResourceNotFound',
    );
    expectGraphError(
      await graph(s, `/users/${userId(1)}`, { token: fabrikamToken }),
      404,
      'Request_ResourceNotFound',
    );
  });

  it("answers 404 inside a $batch for the other tenant's user ids", async () => {
    const s = sim!;
    const body = {
      requests: [
        { id: '1', method: 'GET', url: `/users/${userId(1)}` },
        { id: '2', method: 'GET', url: `/users/${fiona}` },
        {
          id: '3',
          method: 'POST',
          url: `/users/${userId(45)}/assignLicense`,
          headers: { 'Content-Type': 'application/json' },
          body: assignE3,
        },
      ],
    };
    const batch = async (token: string) => {
      const response = await graph(s, '/$batch', { method: 'POST', body, token });
      expect(response.status).toBe(200);
      return Object.fromEntries(response.body.responses.map((r) => [r.id, r.status]));
    };
    expect(await batch(fabrikamToken)).toEqual({ '1': 404, '2': 200, '3': 404 });
    expect(await batch(homeToken)).toEqual({ '1': 200, '2': 404, '3': 200 });
    expect(await licensesOf(s, `/users/${userId(45)}/licenses`)).toHaveLength(1);
  });

  it('answers 401 "Invalid audience" for a tenant it does not serve, batches included', async () => {
    const s = sim!;
    const stranger = simulatorToken({
      tenantId: 'ffffffff-0000-4000-8000-000000000000',
      appId: 'a',
    });
    for (const response of [
      await graph(s, '/organization', { token: stranger }),
      await graph(s, '/$batch', {
        method: 'POST',
        body: { requests: [{ id: '1', method: 'GET', url: '/organization' }] },
        token: stranger,
      }),
    ]) {
      expectGraphError(response, 401, 'InvalidAuthenticationToken');
      expect(response.body.error.message).toBe(
        'Access token validation failure. Invalid audience.',
      );
    }
  });

  it('lists the tenants and runs any control route for one of them under /tenants/{id}', async () => {
    const s = sim!;
    const listed = await control(s, 'GET', '/tenants');
    expect(listed.status).toBe(200);
    expect(listed.body['value']).toEqual([
      { id: homeId, displayName: 'Contoso', users: 60, home: true },
      { id: FABRIKAM_TENANT_ID, displayName: 'Fabrikam Ltd', users: 40, home: false },
    ]);
    expect((await control(s, 'GET', `/tenants/${FABRIKAM_TENANT_ID.toUpperCase()}`)).body).toEqual({
      id: FABRIKAM_TENANT_ID,
      displayName: 'Fabrikam Ltd',
      users: 40,
      home: false,
    });
    const patched = await control(s, 'PATCH', `/tenants/${FABRIKAM_TENANT_ID}/skus/${e5}`, {
      prepaidUnits: { enabled: 77 },
    });
    expect(patched.status).toBe(200);
    const enabledE5 = async (token: string) =>
      (
        (await graph(s, '/subscribedSkus', { token })).body.value.find((sku) => sku.skuId === e5)?.[
          'prepaidUnits'
        ] as { enabled: number }
      ).enabled;
    expect(await enabledE5(fabrikamToken)).toBe(77);
    expect(await enabledE5(homeToken)).toBe(5);
    const prices = (await control(s, 'GET', `/tenants/${FABRIKAM_TENANT_ID}/prices`)).body;
    expect(Object.keys(prices)).toContain(visio);
    expect(Object.keys((await control(s, 'GET', '/prices')).body)).not.toContain(visio);
    expect((await control(s, 'GET', `/tenants/${homeId}/users/${userId(1)}/licenses`)).status).toBe(
      200,
    );
  });

  it('answers 404 for an unknown tenant and 400 when asked to re-seed a tenant that is not home', async () => {
    const s = sim!;
    const unknown = await control(s, 'GET', '/tenants/nobody/prices');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/no tenant 'nobody'/);
    const seeded = await control(s, 'POST', `/tenants/${FABRIKAM_TENANT_ID}/seed`, { size: 10 });
    expect(seeded.status).toBe(400);
    expect(s.tenant(FABRIKAM_TENANT_ID).users()).toHaveLength(40);
  });

  it('resets every tenant with /reset, and one tenant with /tenants/{id}/reset', async () => {
    const s = sim!;
    const assignBoth = async () => {
      for (const [user, token] of [
        [userId(45), homeToken],
        [freya, fabrikamToken],
      ] as const) {
        const response = await graph(s, `/users/${user}/assignLicense`, {
          method: 'POST',
          body: assignE3,
          token,
        });
        expect(response.status).toBe(200);
      }
    };
    const held = async () => [
      (await licensesOf(s, `/users/${userId(45)}/licenses`)).length,
      (await licensesOf(s, `/tenants/${FABRIKAM_TENANT_ID}/users/${freya}/licenses`)).length,
    ];
    await assignBoth();
    expect(await held()).toEqual([1, 1]);
    expect((await control(s, 'POST', '/reset')).status).toBe(200);
    expect(await held()).toEqual([0, 0]);
    await assignBoth();
    const one = await control(s, 'POST', `/tenants/${FABRIKAM_TENANT_ID}/reset`);
    expect(one.body).toEqual({ reset: true, users: 40 });
    expect(await held()).toEqual([1, 0]);
  });

  it('gives tenant() a tenant by id, throws for an unknown one, and lists tenants()', () => {
    const s = sim!;
    expect(s.tenant().organization().id).toBe(homeId);
    expect(s.tenant(FABRIKAM_TENANT_ID.toUpperCase()).organization().displayName).toBe(
      'Fabrikam Ltd',
    );
    expect(() => s.tenant('nobody')).toThrow(/no tenant nobody/);
    expect(s.tenants().map((t) => t.organization().id)).toEqual([homeId, FABRIKAM_TENANT_ID]);
  });
});

describe('throttling across tenants', () => {
  it("keeps one app's budgets per tenant: a throttled tenant does not throttle another", async () => {
    const s = await start({ throttle: { writeBudget: 1, writeWindowMs: 60_000 } });
    const write = (user: string, token: string) =>
      graph(s, `/users/${user}/assignLicense`, { method: 'POST', body: assignE3, token });
    expect((await write(userId(41), homeToken)).status).toBe(200);
    const refused = await write(userId(42), homeToken);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ms-throttle-scope')).toBe(
      `Tenant_Application/Write/msp-app/${homeId}`,
    );
    expect((await write(freya, fabrikamToken)).status).toBe(200);
    expect((await write(fiona, fabrikamToken)).status).toBe(429);
  });
});

describe('starting with several tenants', () => {
  it('refuses two tenants with the same id', async () => {
    await expect(
      startSimulator({
        port: 0,
        tenantSeed: smallTenantSeed(5),
        otherTenants: [
          createFabrikamTenantSeed({ size: 5 }),
          createFabrikamTenantSeed({ size: 6 }),
        ],
      }),
    ).rejects.toThrow(/two tenants with id/);
  });
});
