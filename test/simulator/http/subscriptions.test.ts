import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph, type Item } from './client.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';
const DAY = 86_400_000;

let sim: RunningSimulator;
let started: number;
beforeAll(async () => {
  started = Date.now();
  sim = await startSimulator({ port: 0, seed: 42, size: 300, groupProcessingDelayMs: 5 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim, 'POST', '/reset');
});

async function subscriptions(): Promise<Item[]> {
  const response = await graph(sim, '/directory/subscriptions');
  expect(response.status).toBe(200);
  return response.body.value;
}

async function skus(): Promise<Item[]> {
  return (await graph(sim, '/subscribedSkus')).body.value;
}

const byPart = (items: Item[], part: string) => items.find((i) => i.skuPartNumber === part)!;

describe('GET /directory/subscriptions', () => {
  it("lists the tenant's commercial subscriptions with the companySubscription properties", async () => {
    const response = await graph(sim, '/directory/subscriptions');
    expect(response.body['@odata.context']).toBe(`${metadata}directory/subscriptions`);
    const e3 = byPart(response.body.value, 'SPE_E3');
    expect(Object.keys(e3).sort()).toEqual(
      [
        'commerceSubscriptionId',
        'createdDateTime',
        'id',
        'isTrial',
        'nextLifecycleDateTime',
        'ownerId',
        'ownerTenantId',
        'ownerType',
        'serviceStatus',
        'skuId',
        'skuPartNumber',
        'status',
        'totalLicenses',
      ].sort(),
    );
    expect(e3).toMatchObject({
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      status: 'Enabled',
      isTrial: false,
      createdDateTime: '2025-02-01T00:00:00Z',
    });
    expect(
      (e3['serviceStatus'] as { servicePlanName: string }[]).map((p) => p.servicePlanName),
    ).toContain('EXCHANGE_S_ENTERPRISE');
  });

  it('agrees with subscribedSkus: ids, units by status and capability status', async () => {
    const [subs, listed] = [await subscriptions(), await skus()];
    for (const sku of listed) {
      const mine = subs.filter((s) => s.skuId === sku.skuId);
      expect(sku['subscriptionIds']).toEqual(mine.map((s) => s.id));
      const units = (status: string) =>
        mine
          .filter((s) => s['status'] === status)
          .reduce((n, s) => n + Number(s['totalLicenses']), 0);
      expect(sku['prepaidUnits']).toEqual({
        enabled: units('Enabled'),
        warning: units('Warning'),
        suspended: units('Suspended'),
        lockedOut: units('LockedOut'),
      });
    }
  });

  it('has Office 365 E5 expiring within 30 days and Business Premium in its grace period', async () => {
    const subs = await subscriptions();
    const days = (s: Item) => (Date.parse(String(s['nextLifecycleDateTime'])) - started) / DAY;
    const soon = subs.filter((s) => s['status'] === 'Enabled' && days(s) <= 30);
    expect(soon.map((s) => s.skuPartNumber)).toEqual(['ENTERPRISEPREMIUM']);
    expect(days(soon[0]!)).toBeGreaterThan(20);
    const warning = subs.filter((s) => s['status'] === 'Warning');
    expect(warning.map((s) => s.skuPartNumber)).toEqual(['SPB']);
    // The tenant was reset a moment ago: "in 12 days" counts from then.
    expect(days(warning[0]!)).toBeGreaterThan(11.9);
    expect(days(warning[0]!)).toBeLessThan(12.1);
    expect(byPart(await skus(), 'SPB')).toMatchObject({
      capabilityStatus: 'Warning',
      prepaidUnits: {
        enabled: 0,
        warning: warning[0]!['totalLicenses'],
        suspended: 0,
        lockedOut: 0,
      },
    });
  });

  it('gets one by id or by commerceSubscriptionId, with $select', async () => {
    const e5 = byPart(await subscriptions(), 'SPE_E5');
    const byId = await graph(sim, `/directory/subscriptions/${e5.id}?$select=status,totalLicenses`);
    expect(byId.body).toEqual({
      '@odata.context': `${metadata}directory/subscriptions(status,totalLicenses)/$entity`,
      status: 'Enabled',
      totalLicenses: e5['totalLicenses'],
    });
    const byKey = await graph(
      sim,
      `/directory/subscriptions(commerceSubscriptionId='${String(e5['commerceSubscriptionId'])}')`,
    );
    expect(byKey.body).toMatchObject({ id: e5.id, skuPartNumber: 'SPE_E5' });
    expectGraphError(
      await graph(sim, '/directory/subscriptions/nope'),
      404,
      'Request_ResourceNotFound',
    );
    expectGraphError(await graph(sim, '/directory/subscriptions?$select=price'), 400, 'BadRequest');
    expectGraphError(await graph(sim, '/directory/nothing'), 400, 'BadRequest');
  });
});

describe('control: PATCH /_simulator/subscriptions/{id}', () => {
  it('suspends a subscription: its SKU follows, users keep their licenses, new ones are refused', async () => {
    const e3 = byPart(await subscriptions(), 'SPE_E3');
    const before = byPart(await skus(), 'SPE_E3');
    const patched = await control(sim, 'PATCH', `/subscriptions/${e3.id}`, {
      status: 'Suspended',
      nextLifecycleDateTime: '2027-03-01T00:00:00Z',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      status: 'Suspended',
      nextLifecycleDateTime: '2027-03-01T00:00:00Z',
    });
    const after = byPart(await skus(), 'SPE_E3');
    expect(after).toMatchObject({
      capabilityStatus: 'Suspended',
      consumedUnits: before['consumedUnits'],
      prepaidUnits: { enabled: 0, suspended: e3['totalLicenses'] },
    });
    const unlicensed = (
      await graph(sim, '/users?$select=id,usageLocation,assignedLicenses&$top=999')
    ).body.value.find(
      (u) => (u['assignedLicenses'] as unknown[]).length === 0 && u['usageLocation'] !== null,
    )!;
    const refused = await graph(sim, `/users/${unlicensed.id}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3.skuId, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('license');
  });

  it('lets an expired subscription in its grace period (Warning) still be assigned', async () => {
    const e3 = byPart(await subscriptions(), 'SPE_E3');
    await control(sim, 'PATCH', `/subscriptions/${e3.id}`, { status: 'Warning' });
    expect(byPart(await skus(), 'SPE_E3')).toMatchObject({
      capabilityStatus: 'Warning',
      prepaidUnits: { enabled: 0, warning: e3['totalLicenses'] },
    });
    const users = (await graph(sim, '/users?$select=id,usageLocation,assignedLicenses&$top=999'))
      .body.value;
    const unlicensed = users.find(
      (u) => (u['assignedLicenses'] as unknown[]).length === 0 && u['usageLocation'] !== null,
    )!;
    const assigned = await graph(sim, `/users/${unlicensed.id}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3.skuId, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(assigned.status).toBe(200);
  });

  it('keeps the subscriptions in step when seats are bought through PATCH /_simulator/skus', async () => {
    const e5 = byPart(await subscriptions(), 'SPE_E5');
    await control(sim, 'PATCH', `/skus/${e5.skuId}`, { prepaidUnits: { enabled: 510 } });
    const after = await graph(sim, `/directory/subscriptions/${e5.id}`);
    expect(after.body['totalLicenses']).toBe(510);
  });

  it('says what is wrong with a bad change', async () => {
    const e5 = byPart(await subscriptions(), 'SPE_E5');
    const bad = await control(sim, 'PATCH', `/subscriptions/${e5.id}`, { status: 'Expired' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('status');
    const unknown = await control(sim, 'PATCH', '/subscriptions/nope', { status: 'Enabled' });
    expect(unknown.status).toBe(404);
  });
});
