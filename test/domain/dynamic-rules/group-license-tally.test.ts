import { describe, expect, it } from 'vitest';
import { GroupLicenseTally } from '../../../src/domain/dynamic-rules/group-license-tally.ts';
import type { DirectoryUser, Sku } from '../../../src/domain/licensing.ts';
import type { PlanRule } from '../../../src/domain/planning/plan-rules.ts';
import { e3, exchangePlan1, plans, powerBiPro } from '../fixtures/tenant.ts';

const exclusiveExchange: PlanRule = {
  kind: 'mutuallyExclusive',
  planIds: [plans.exchangePlan1.servicePlanId, plans.exchangePlan2.servicePlanId],
};

const user = (name: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: name,
  displayName: name,
  userPrincipalName: `${name.toLowerCase()}@contoso.com`,
  usageLocation: 'US',
  accountEnabled: true,
  assignedLicenses: [],
  ...extra,
});

const holding = (sku: Sku) => ({ assignedLicenses: [{ skuId: sku.skuId, disabledPlans: [] }] });

const assign = (...skus: Sku[]) => ({
  kind: 'assign' as const,
  licenses: skus.map((sku) => ({ sku, disabledPlanIds: [] })),
});

function tally(skus: Sku[], members: DirectoryUser[], rules: PlanRule[] = [exclusiveExchange]) {
  const counted = new GroupLicenseTally(assign(...skus), {
    skus: [e3, exchangePlan1, powerBiPro, ...skus],
    rules,
    country: 'FR',
  });
  members.forEach((member) => counted.add(member));
  return counted;
}

describe('GroupLicenseTally', () => {
  it('counts who would take a seat, who already holds it, who has no usage location, disabled accounts and conflicts', () => {
    const counted = tally(
      [e3],
      [
        user('Alice'),
        user('Bob', holding(e3)),
        user('Carol', { usageLocation: null }),
        user('Dave', { accountEnabled: false, ...holding(exchangePlan1) }),
        user('Erin', { usageLocation: 'XX', ...holding(exchangePlan1) }),
      ],
    );
    const figures = counted.figures(new Map([[e3.skuId, { monthlyAmount: 36, currency: 'USD' }]]));
    expect(figures).toMatchObject({
      memberCount: 5,
      gainingCount: 4,
      alreadyHoldCount: 1,
      withoutUsageLocation: 2,
      tenantCountry: 'FR',
      disabledGaining: 1,
      cost: [{ currency: 'USD', amount: 144 }],
      unpriced: [],
      refusals: [],
      leavesShort: false,
    });
    expect(figures.seats).toEqual([
      {
        skuId: e3.skuId,
        name: 'Microsoft 365 E3',
        partNumber: 'SPE_E3',
        needed: 4,
        free: 76,
        shortfall: 0,
        price: { monthlyAmount: 36, currency: 'USD' },
        monthlyCost: 144,
      },
    ]);
    expect(figures.conflicts).toHaveLength(1);
    expect(figures.conflicts[0]!.members).toBe(2);
    expect(figures.conflicts[0]!.description).toContain('cannot be on together');
  });

  it('gives each SKU of a template its own seats, says which have no price, and the shortfall', () => {
    const scarce: Sku = {
      ...powerBiPro,
      prepaidUnits: { ...powerBiPro.prepaidUnits, enabled: 81 },
    };
    const figures = tally(
      [e3, scarce],
      [user('Alice'), user('Bob', holding(e3)), user('Carol', holding(scarce)), user('Dan')],
      [],
    ).figures(new Map([[e3.skuId, { monthlyAmount: 36.1, currency: 'EUR' }]]));
    expect(
      figures.seats.map((seat) => [seat.partNumber, seat.needed, seat.free, seat.shortfall]),
    ).toEqual([
      ['SPE_E3', 3, 76, 0],
      ['POWER_BI_PRO', 3, 1, 2],
    ]);
    expect(figures).toMatchObject({
      gainingCount: 4,
      alreadyHoldCount: 0,
      cost: [{ currency: 'EUR', amount: 108.3 }],
      unpriced: ['Power BI Pro'],
      leavesShort: true,
    });
  });

  it('counts a member who holds the license with other plans off as already holding it', () => {
    const figures = tally(
      [e3],
      [
        user('Bob', {
          assignedLicenses: [{ skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId] }],
        }),
      ],
    ).figures(new Map());
    expect(figures).toMatchObject({
      gainingCount: 0,
      alreadyHoldCount: 1,
      cost: [],
      unpriced: ['Microsoft 365 E3'],
    });
  });

  it('says why nobody can get a suspended subscription, once for all its members', () => {
    const suspended: Sku = { ...e3, capabilityStatus: 'Suspended' };
    const figures = tally([suspended], [user('Alice'), user('Bob')]).figures(new Map());
    expect(figures.refusals).toEqual([
      {
        message:
          'Microsoft 365 E3 is suspended: renew or reactivate the subscription before assigning it.',
        members: 2,
      },
    ]);
    expect(figures.gainingCount).toBe(0);
  });
});
