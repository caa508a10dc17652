import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { bulkWarnings } from '../../../src/domain/planning/bulk-warnings.ts';
import { summariseImpact, type SeatPrice } from '../../../src/domain/planning/impact.ts';
import { ImpactTally } from '../../../src/domain/planning/impact-tally.ts';
import type {
  LicenseChange,
  PlanningContext,
  UserPlan,
} from '../../../src/domain/planning/license-change.ts';
import { defaultPlanRules } from '../../../src/domain/planning/plan-rules.ts';
import { planUserChange } from '../../../src/domain/planning/plan-user-change.ts';
import {
  e3,
  e5,
  exchangePlan1,
  exchangePlan2,
  plans,
  powerBiPro,
  tenantSkus,
} from '../fixtures/tenant.ts';

const ctx: PlanningContext = {
  skus: tenantSkus,
  rules: [
    ...defaultPlanRules,
    {
      kind: 'mutuallyExclusive',
      planIds: [plans.exchangePlan1.servicePlanId, plans.exchangePlan2.servicePlanId],
    },
  ],
};
const prices = new Map<string, SeatPrice>([
  [e5.skuId, { monthlyAmount: 57, currency: 'USD' }],
  [e3.skuId, { monthlyAmount: 36, currency: 'EUR' }],
]);

let next = 0;
function person(skuIds: string[], extra: Partial<DirectoryUser> = {}): DirectoryUser {
  next += 1;
  return {
    id: `u-${next}`,
    userPrincipalName: `u${next}@contoso.com`,
    displayName: `User ${next}`,
    usageLocation: 'US',
    assignedLicenses: skuIds.map((skuId) => ({ skuId, disabledPlans: [] })),
    ...extra,
  };
}

const assignE5: LicenseChange = { kind: 'assign', licenses: [{ sku: e5, disabledPlanIds: [] }] };
const assignExchange: LicenseChange = {
  kind: 'assign',
  licenses: [{ sku: exchangePlan1, disabledPlanIds: [] }],
};
const removeE3: LicenseChange = { kind: 'remove', skus: [e3] };

/** Users and their plans of every kind: changes, no-ops, refusals, conflicts, warnings. */
function planned(): { user: DirectoryUser; plan: UserPlan }[] {
  const cases: [DirectoryUser, LicenseChange][] = [
    [person([e5.skuId]), assignE5], // already has it: no-op
    [person([powerBiPro.skuId]), assignE5], // will hold Power BI Pro twice
    [person([], { usageLocation: null, country: null }), assignE5], // no location: refused
    [person([], { usageLocation: null, country: 'France' }), assignE5], // location to set
    [person([exchangePlan2.skuId]), assignExchange], // conflicting Exchange plans
    [person([e3.skuId]), removeE3], // mailbox, OneDrive and Teams lost
    [person([powerBiPro.skuId]), assignE5],
    [person([exchangePlan2.skuId]), assignExchange],
    [person([]), removeE3], // nothing to remove: no-op
    [person([e3.skuId, exchangePlan2.skuId]), removeE3], // the mailbox stays
    [person([], { usageLocation: null, country: null }), assignE5],
  ];
  return cases.map(([user, change]) => ({ user, plan: planUserChange(user, change, ctx) }));
}

function tallyOf(pairs: readonly { user: DirectoryUser; plan: UserPlan }[]): ImpactTally {
  const tally = new ImpactTally(tenantSkus);
  pairs.forEach(({ user, plan }) => tally.add(user, plan));
  return tally;
}

describe('the impact tallied user by user', () => {
  it('is the impact and the warnings of the same plans summed at once', () => {
    const pairs = planned();
    const all = pairs.map((pair) => pair.plan);
    const expected = {
      ...summariseImpact(all, tenantSkus, prices),
      warnings: bulkWarnings(
        pairs.map((pair) => pair.user),
        all,
        tenantSkus,
      ),
    };
    expect(expected).toMatchObject({ noopCount: 2, blockedCount: 2, usageLocationsToSet: 1 });
    expect(expected.conflictCount).toBeGreaterThan(0);
    expect(expected.warnings).toHaveLength(2);

    expect(tallyOf(pairs).impact(tenantSkus, prices)).toEqual(expected);
  });

  it('merges the tallies of consecutive slices into the tally of them all, in order', () => {
    const pairs = planned();
    const whole = tallyOf(pairs).impact(tenantSkus, prices);
    for (const [a, b] of [
      [0, 0],
      [1, 3],
      [2, 6],
      [5, 9],
      [pairs.length, pairs.length],
    ] as const) {
      const merged = tallyOf(pairs.slice(0, a));
      merged.merge(tallyOf(pairs.slice(a, b)));
      merged.merge(tallyOf(pairs.slice(b)));
      expect(merged.impact(tenantSkus, prices)).toEqual(whole);
    }
  });

  it('keeps why the first user has nothing to do, and why the first refused is refused', () => {
    const pairs = planned();
    const whole = tallyOf(pairs);
    expect(whole.firstNoopReason).toBe(pairs[0]!.plan.outcome === 'noop' && pairs[0]!.plan.reason);
    expect(whole.firstBlocked).toBe(pairs[2]!.plan.outcome === 'blocked' && pairs[2]!.plan.failure);

    const later = tallyOf([]);
    later.merge(tallyOf(pairs.slice(2)));
    expect(later.firstNoopReason).toBe(pairs[8]!.plan.outcome === 'noop' && pairs[8]!.plan.reason);
    expect(later.firstBlocked).toBe(whole.firstBlocked);
    expect(tallyOf([]).firstNoopReason).toBeUndefined();
  });
});
