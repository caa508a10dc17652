import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { expectGraphError, graph } from './client.ts';
import { e3, exchangePlan, smallTenantSeed, tenantId, userId } from './fixture.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(60) });
});
afterAll(async () => {
  await sim.close();
});

describe('GET /subscribedSkus', () => {
  it("lists each SKU with the documented properties, the account's included", async () => {
    const response = await graph(sim, '/subscribedSkus');
    expect(response.status).toBe(200);
    const sku = response.body.value.find((s) => s.skuId === e3)!;
    expect(Object.keys(sku).sort()).toEqual(
      [
        'accountId',
        'accountName',
        'appliesTo',
        'capabilityStatus',
        'consumedUnits',
        'id',
        'prepaidUnits',
        'servicePlans',
        'skuId',
        'skuPartNumber',
        'subscriptionIds',
      ].sort(),
    );
    expect(sku.id).toBe(`${tenantId}_${e3}`);
    expect(sku.accountName).toBe('Contoso');
    expect(sku.accountId).toBe(tenantId);
    const ids = sku.subscriptionIds as string[];
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    // Stable across calls: a subscription id does not change under a client's feet.
    const again = await graph(sim, '/subscribedSkus');
    expect(again.body.value.find((s) => s.skuId === e3)!.subscriptionIds).toEqual(ids);
  });

  it('refuses $filter, which Microsoft documents as unsupported here', async () => {
    expectGraphError(
      await graph(sim, `/subscribedSkus?$filter=skuId eq '${e3}'`),
      400,
      'Request_UnsupportedQuery',
    );
  });
});

describe('GET /subscribedSkus/{id}', () => {
  it('answers one SKU by its {tenantId}_{skuId} id with an $entity context', async () => {
    const response = await graph(sim, `/subscribedSkus/${tenantId}_${e3}`);
    expect(response.status).toBe(200);
    expect(response.body['@odata.context']).toBe(`${metadata}subscribedSkus/$entity`);
    expect(response.body.skuId).toBe(e3);
    expect(response.body.prepaidUnits).toEqual({
      enabled: 100,
      warning: 0,
      suspended: 0,
      lockedOut: 0,
    });
  });

  it('honours $select and answers 404 for an unknown id', async () => {
    const selected = await graph(
      sim,
      `/subscribedSkus/${tenantId}_${e3}?$select=skuPartNumber,consumedUnits`,
    );
    expect(selected.body['@odata.context']).toBe(
      `${metadata}subscribedSkus(skuPartNumber,consumedUnits)/$entity`,
    );
    expect(Object.keys(selected.body).sort()).toEqual(
      ['@odata.context', 'consumedUnits', 'skuPartNumber'].sort(),
    );
    expectGraphError(
      await graph(sim, `/subscribedSkus/${tenantId}_00000000-0000-0000-0000-000000000000`),
      404,
      'Request_ResourceNotFound',
    );
  });
});

describe('GET /users/{id}/licenseDetails', () => {
  it('returns id, skuId, skuPartNumber and servicePlans with each plan status', async () => {
    const response = await graph(sim, `/users/${userId(1)}/licenseDetails`);
    expect(response.status).toBe(200);
    const [details] = response.body.value;
    expect(Object.keys(details!).sort()).toEqual(
      ['id', 'servicePlans', 'skuId', 'skuPartNumber'].sort(),
    );
    const plans = details!.servicePlans as { servicePlanId: string; provisioningStatus: string }[];
    expect(plans.find((p) => p.servicePlanId === exchangePlan)?.provisioningStatus).toBe('Success');
  });

  it('honours $select, which the documentation lists for this method', async () => {
    const id = userId(1);
    const response = await graph(sim, `/users/${id}/licenseDetails?$select=skuId,skuPartNumber`);
    expect(response.status).toBe(200);
    expect(response.body['@odata.context']).toBe(
      `${metadata}users('${id}')/licenseDetails(skuId,skuPartNumber)`,
    );
    expect(response.body.value).toEqual([{ skuId: e3, skuPartNumber: 'SPE_E3' }]);
    expectGraphError(
      await graph(sim, `/users/${id}/licenseDetails?$select=price`),
      400,
      'BadRequest',
    );
  });
});
