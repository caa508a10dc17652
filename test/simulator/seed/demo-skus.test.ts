import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable, TABLE_FILE } from '../../../scripts/product-names/read-table.ts';
import { PLANS, SKUS } from '../../../src/simulator/seed/demo-skus.ts';
import { createDemoTenantSeed } from '../../../src/simulator/seed/demo-tenant.ts';

// Microsoft's "Product names and service plan identifiers for licensing", as kept in data/.
const table = readTable(readFileSync(TABLE_FILE));
const demoSkus = createDemoTenantSeed().skus;

describe("the demo tenant's products, held to Microsoft's licensing table", () => {
  it.each(demoSkus.map((sku) => [sku.skuPartNumber, sku] as const))(
    '%s has the skuId the table gives that part number',
    (partNumber, sku) => {
      const skuIds = new Set(table.filter((r) => r.partNumber === partNumber).map((r) => r.skuId));
      expect([...skuIds]).toEqual([sku.skuId]);
    },
  );

  it.each(demoSkus.map((sku) => [sku.skuPartNumber, sku] as const))(
    '%s includes only service plans the table lists for it, by id and name',
    (partNumber, sku) => {
      const ofProduct = table
        .filter((r) => r.partNumber === partNumber && r.skuId === sku.skuId)
        .map((r) => `${r.servicePlanId} ${r.planName}`);
      const demoPlans = sku.servicePlans.map((p) => `${p.servicePlanId} ${p.servicePlanName}`);
      expect(demoPlans.filter((plan) => !ofProduct.includes(plan))).toEqual([]);
    },
  );

  it('names every product by its part number in SKUS, and every plan by its name in PLANS', () => {
    const pairs = new Set(table.map((r) => `${r.servicePlanId} ${r.planName}`));
    const planPairs = Object.entries(PLANS).map(([name, id]) => `${id} ${name}`);
    expect(planPairs.filter((pair) => !pairs.has(pair))).toEqual([]);
    const skuPairs = new Set(table.map((r) => `${r.skuId} ${r.partNumber}`));
    const demoPairs = Object.entries(SKUS).map(([partNumber, id]) => `${id} ${partNumber}`);
    expect(demoPairs.filter((pair) => !skuPairs.has(pair))).toEqual([]);
  });
});
