import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { bulkWarnings } from '../../../src/domain/planning/bulk-warnings.ts';
import type { UserPlan } from '../../../src/domain/planning/license-change.ts';
import { e3, e5, exchangePlan2, plans, powerBiPro, tenantSkus } from '../fixtures/tenant.ts';

const user = (id: string, skuIds: string[], disabledPlans: string[] = []): DirectoryUser => ({
  id,
  userPrincipalName: `${id}@contoso.com`,
  displayName: id,
  assignedLicenses: skuIds.map((skuId) => ({ skuId, disabledPlans })),
});

const change = (
  userId: string,
  add: string[],
  remove: string[] = [],
): Extract<UserPlan, { outcome: 'change' }> => ({
  outcome: 'change',
  userId,
  body: { addLicenses: add.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: remove },
  seatsTaken: add,
  seatsFreed: remove,
  conflicts: [],
  conflictDetails: [],
  notes: [],
});

describe('bulkWarnings', () => {
  it('finds a standalone license whose plans a license being added has, and says how to free it', () => {
    const users: DirectoryUser[] = [
      user('a', [powerBiPro.skuId]),
      user('b', [powerBiPro.skuId]),
      { id: 'c', userPrincipalName: 'c@contoso.com', displayName: 'c' },
    ];
    const warnings = bulkWarnings(
      users,
      [
        change('a', [e5.skuId]),
        change('b', [e5.skuId]),
        change('c', [e5.skuId]),
        { outcome: 'noop', userId: 'd', reason: 'already' },
        change('ghost', [e5.skuId]),
      ],
      tenantSkus,
    );
    expect(warnings).toEqual([
      '2 users will hold Power BI Pro twice: Microsoft 365 E5 has its plans. Free those seats afterwards: remove POWER_BI_PRO from users where has SPE_E5 and has POWER_BI_PRO',
    ]);
  });

  it('does not call a license held twice when the added one lacks a plan of it, or for foundation plans only', () => {
    expect(
      bulkWarnings([user('a', [powerBiPro.skuId])], [change('a', [e3.skuId])], tenantSkus),
    ).toEqual([]);
  });

  it('counts mailboxes, OneDrives and Teams lost with a removal, not those another license keeps', () => {
    const warnings = bulkWarnings(
      [
        user('a', [e3.skuId]),
        user('b', [e3.skuId, exchangePlan2.skuId]),
        user('c', [e3.skuId], [plans.teams.servicePlanId]),
        user('d', ['unknown-sku']),
      ],
      [
        change('a', [], [e3.skuId]),
        change('b', [], [e3.skuId]),
        change('c', [], [e3.skuId]),
        change('d', [], ['unknown-sku']),
      ],
      tenantSkus,
    );
    expect(warnings).toEqual([
      'Data at risk: 2 mailboxes go, 3 OneDrives go, 2 users lose Teams. Exchange keeps a mailbox 30 days after its license goes, then deletes it.',
    ]);
    expect(
      bulkWarnings(
        [user('a', [exchangePlan2.skuId])],
        [change('a', [], [exchangePlan2.skuId])],
        tenantSkus,
      ),
    ).toEqual([
      'Data at risk: 1 mailbox goes. Exchange keeps a mailbox 30 days after its license goes, then deletes it.',
    ]);
  });
});
