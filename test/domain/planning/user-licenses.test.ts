import { describe, expect, it } from 'vitest';
import { enabledPlans, enabledPlansAmong } from '../../../src/domain/planning/user-licenses.ts';
import { e3, plans, powerBiPro } from '../fixtures/tenant.ts';

const skus = new Map([e3, powerBiPro].map((sku) => [sku.skuId, sku]));
const licenses = [
  { skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId] },
  { skuId: powerBiPro.skuId, disabledPlans: [] },
  { skuId: 'a-sku-the-tenant-no-longer-has', disabledPlans: [] },
];

describe('the plans licenses turn on', () => {
  it('are every plan of the licenses the tenant knows, but those turned off', () => {
    const enabled = enabledPlans(licenses, skus);
    expect(enabled.has(plans.exchangePlan2.servicePlanId)).toBe(true);
    expect(enabled.has(plans.powerBi.servicePlanId)).toBe(true);
    expect(enabled.has(plans.teams.servicePlanId)).toBe(false);
  });

  it('among the plans watched, are the same plans, only those', () => {
    const watched = new Set([plans.exchangePlan2.servicePlanId, plans.teams.servicePlanId]);
    expect([...enabledPlansAmong(licenses, skus, watched)]).toEqual([
      plans.exchangePlan2.servicePlanId,
    ]);
    const all = enabledPlans(licenses, skus);
    expect(enabledPlansAmong(licenses, skus, all)).toEqual(all);
  });
});
