import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { planOperation } from '../../../src/domain/planning/plan-operation.ts';
import { defaultPlanRules } from '../../../src/domain/planning/plan-rules.ts';
import { businessPremium, e3, exchangePlan1, o365e3, tenantSkus } from '../fixtures/tenant.ts';

const ctx = { skus: tenantSkus, rules: defaultPlanRules };

function users(count: number, extra: Partial<DirectoryUser> = {}): DirectoryUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `u-${i}`,
    userPrincipalName: `user${i}@contoso.com`,
    displayName: `User ${i}`,
    usageLocation: 'US',
    assignedLicenses: [],
    ...extra,
  }));
}

describe('impact', () => {
  it('shows seats used before and after per SKU', () => {
    const { impact } = planOperation(
      users(3),
      { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] },
      ctx,
    );
    expect(impact.seats).toEqual([
      {
        skuId: e3.skuId,
        name: 'Microsoft 365 E3',
        total: 400,
        usedBefore: 324,
        usedAfter: 327,
        availableAfter: 73,
        shortfall: 0,
      },
    ]);
    expect(impact.leavesShort).toBe(false);
    expect(impact).toMatchObject({ userCount: 3, changeCount: 3, noopCount: 0, blockedCount: 0 });
  });

  it('gives the shortfall when a SKU runs out', () => {
    const { impact } = planOperation(
      users(3),
      { kind: 'assign', licenses: [{ sku: exchangePlan1, disabledPlanIds: [] }] },
      ctx,
    );
    expect(impact.seats[0]).toMatchObject({ availableAfter: -2, shortfall: 2 });
    expect(impact.leavesShort).toBe(true);
  });

  it('counts the whole request as missing when the SKU is already over-assigned', () => {
    const over = { ...businessPremium, consumedUnits: 27 };
    const { impact } = planOperation(
      users(2),
      { kind: 'assign', licenses: [{ sku: over, disabledPlanIds: [] }] },
      { ...ctx, skus: [over] },
    );
    expect(impact.seats[0]!.shortfall).toBe(2);
  });

  it('gives the monthly cost before and after from the price table, per currency', () => {
    const prices = new Map([
      [e3.skuId, { monthlyAmount: 36, currency: 'USD' }],
      [o365e3.skuId, { monthlyAmount: 23, currency: 'USD' }],
    ]);
    const holders = users(2, { assignedLicenses: [{ skuId: o365e3.skuId, disabledPlans: [] }] });
    const { impact } = planOperation(
      holders,
      { kind: 'transfer', from: o365e3, to: e3 },
      ctx,
      prices,
    );
    expect(impact.cost).toEqual([
      { currency: 'USD', before: 324 * 36 + 10 * 23, after: 326 * 36 + 8 * 23, delta: 26 },
    ]);
    expect(impact.unpriced).toEqual([]);
  });

  it('lists SKUs without a price', () => {
    const { impact } = planOperation(
      users(1),
      { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] },
      ctx,
    );
    expect(impact.cost).toEqual([]);
    expect(impact.unpriced).toEqual(['Microsoft 365 E3']);
  });

  it('counts no-ops, refusals and usage locations to set', () => {
    const mixed: DirectoryUser[] = [
      ...users(1, { assignedLicenses: [{ skuId: e3.skuId, disabledPlans: [] }] }),
      {
        id: 'u-nl',
        userPrincipalName: 'nl@contoso.com',
        displayName: 'No Location',
        usageLocation: null,
        country: null,
      },
      {
        id: 'u-fr',
        userPrincipalName: 'fr@contoso.com',
        displayName: 'French',
        usageLocation: null,
        country: 'France',
      },
    ];
    const { plans, impact } = planOperation(
      mixed,
      { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] },
      ctx,
    );
    expect(plans.map((plan) => plan.outcome)).toEqual(['noop', 'blocked', 'change']);
    expect(impact).toMatchObject({
      noopCount: 1,
      blockedCount: 1,
      changeCount: 1,
      usageLocationsToSet: 1,
      conflictCount: 0,
    });
  });

  it('plans a user listed twice once', () => {
    const [one] = users(1);
    expect(planOperation([one!, one!], { kind: 'removeAll' }, ctx).plans).toHaveLength(1);
  });
});
