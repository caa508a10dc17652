import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphSkuHolders, InvalidSkuIdError } from '../../src/graph/graph-sku-holders.ts';
import { startGraphFixture, type GraphFixture } from './support/graph-fixture.ts';

const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const ADELE = 'adelev@contoso.onmicrosoft.com';

let g: GraphFixture;
let holders: GraphSkuHolders;
beforeAll(async () => {
  g = await startGraphFixture();
  holders = new GraphSkuHolders(g.client);
  // A leaver who still holds E5: the first seat to reclaim.
  expect(
    g.sim.tenant().assignUserLicense(ADELE, {
      addLicenses: [{ skuId: E5, disabledPlans: [] }],
      removeLicenses: [],
    }).ok,
  ).toBe(true);
  expect(g.sim.tenant().updateUser(ADELE, { accountEnabled: false }).ok).toBe(true);
});
afterAll(async () => {
  await g.close();
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) {
    found.push(item);
  }
  return found;
}

const truth = (enabled: boolean) =>
  g.sim
    .tenant()
    .users()
    .filter(
      (user) =>
        user.accountEnabled === enabled &&
        user.licenseAssignmentStates.some((state) => state.skuId === E5),
    );

describe('GraphSkuHolders against the simulator', () => {
  it('lists disabled holders with an advanced query selecting only what the card shows', async () => {
    const mark = g.exchanges.length;
    const found = await all(holders.listHolders(E5, false));
    expect(found.map((user) => user.userPrincipalName).sort()).toEqual(
      truth(false)
        .map((user) => user.userPrincipalName)
        .sort(),
    );
    expect(found.map((user) => user.userPrincipalName)).toContain(ADELE);
    const adele = found.find((user) => user.userPrincipalName === ADELE);
    expect(adele?.accountEnabled).toBe(false);
    expect(adele?.licenseAssignmentStates).toContainEqual(
      expect.objectContaining({ skuId: E5, assignedByGroup: null }),
    );
    const [sent] = g.exchanges.slice(mark);
    expect(sent?.url).toBe(
      '/v1.0/users?$filter=' +
        encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${E5}) and accountEnabled eq false`) +
        '&$select=' +
        encodeURIComponent(
          'id,displayName,userPrincipalName,accountEnabled,licenseAssignmentStates',
        ) +
        '&$count=true&$top=999',
    );
    expect(sent?.headers['consistencylevel']).toBe('eventual');
  });

  it('pages enabled holders and stops at the limit asked', async () => {
    const mark = g.exchanges.length;
    const found = await all(holders.listHolders(E5, true, { pageSize: 5, limit: 7 }));
    expect(found).toHaveLength(7);
    expect(found.every((user) => user.accountEnabled === true)).toBe(true);
    expect(g.exchanges.slice(mark)).toHaveLength(2);
  });

  it('counts the holders on either side', async () => {
    expect(await holders.countHolders(E5, false)).toBe(truth(false).length);
    expect(await holders.countHolders(E5, true)).toBe(truth(true).length);
  });

  it('refuses a SKU id that is not a GUID before anything is sent', async () => {
    const mark = g.exchanges.length;
    await expect(holders.countHolders('x) or true or (1 eq 1', true)).rejects.toBeInstanceOf(
      InvalidSkuIdError,
    );
    expect(g.exchanges.length).toBe(mark);
  });
});
