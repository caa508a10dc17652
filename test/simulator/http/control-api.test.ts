import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, graph } from './client.ts';
import { contractorsId, e3, e5, smallTenantSeed, userId } from './fixture.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    tenantSeed: smallTenantSeed(60),
    groupProcessingDelayMs: 10,
  });
});
afterAll(async () => {
  await sim.close();
});

describe('control API', () => {
  it("snapshots a user's licenses", async () => {
    const snapshot = await control(sim, 'GET', `/users/${userId(0)}/licenses`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.usageLocation).toBe('FR');
    expect(snapshot.body.assignedLicenses).toEqual([{ skuId: e3, disabledPlans: [] }]);
    expect((await control(sim, 'GET', '/users/nobody/licenses')).status).toBe(404);
  });

  it('counts requests by route, resource units, writes and 429s, and resets the counters', async () => {
    await control(sim, 'POST', '/counters/reset');
    await graph(sim, '/users');
    await graph(sim, `/users/${userId(1)}`);
    await graph(sim, `/users/${userId(2)}`);
    const counters = await control(sim, 'GET', '/counters');
    expect(counters.body.requests.byRoute).toEqual({ 'GET /users': 1, 'GET /users/{id}': 2 });
    expect(counters.body.resourceUnitsSpent).toBe(4);
    expect(counters.body.writesSpent).toBe(0);
    expect(counters.body.throttled).toBe(0);
    expect(counters.body.faultsInjected).toEqual({ '503': 0, '504': 0, drop: 0 });
    const reset = await control(sim, 'POST', '/counters/reset');
    expect(reset.body.requests.total).toBe(0);
  });

  it('changes prepaid units of a SKU', async () => {
    const patched = await control(sim, 'PATCH', `/skus/${e5}`, { prepaidUnits: { enabled: 7 } });
    expect(patched.status).toBe(200);
    const skus = await graph(sim, '/subscribedSkus');
    expect(skus.body.value.find((s) => s.skuId === e5)?.['prepaidUnits']).toMatchObject({
      enabled: 7,
    });
    expect(
      (await control(sim, 'PATCH', `/skus/${e5}`, { prepaidUnits: { enabled: -1 } })).status,
    ).toBe(400);
  });

  it('adds and removes group members', async () => {
    expect(
      (await control(sim, 'POST', `/groups/${contractorsId}/members`, { memberId: userId(3) }))
        .status,
    ).toBe(204);
    const members = async () =>
      (await graph(sim, `/groups/${contractorsId}/members?$select=id`)).body.value.map((m) => m.id);
    expect(await members()).toContain(userId(3));
    expect(
      (await control(sim, 'DELETE', `/groups/${contractorsId}/members/${userId(3)}`)).status,
    ).toBe(204);
    expect(await members()).not.toContain(userId(3));
  });

  it('serves the monthly prices', async () => {
    const prices = await control(sim, 'GET', '/prices');
    expect(prices.body[e3]).toEqual({ amount: 36, currency: 'USD' });
  });

  it('resets the tenant to its starting state', async () => {
    await graph(sim, `/users/${userId(45)}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(
      (await control(sim, 'GET', `/users/${userId(45)}/licenses`)).body.assignedLicenses,
    ).toHaveLength(1);
    expect((await control(sim, 'POST', '/reset')).status).toBe(200);
    expect(
      (await control(sim, 'GET', `/users/${userId(45)}/licenses`)).body.assignedLicenses,
    ).toEqual([]);
  });

  it('replaces the tenant with a seeded demo tenant of the asked size', async () => {
    const seeded = await control(sim, 'POST', '/seed', { seed: 7, size: 120 });
    expect(seeded.status).toBe(200);
    expect(sim.tenant().users()).toHaveLength(120);
    const count = await graph(sim, '/users/$count', { headers: { ConsistencyLevel: 'eventual' } });
    expect(count.text).toBe('120');
    expect((await control(sim, 'POST', '/seed', { size: 'big' })).status).toBe(400);
  });

  it('answers 400 for an unknown control route', async () => {
    expect((await control(sim, 'GET', '/nothing-here')).status).toBe(400);
  });
});
