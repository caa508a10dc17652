import { describe, expect, it } from 'vitest';
import type { GroupLicenseChange } from '../../../src/domain/group-licenses/group-license-change.ts';
import { GroupLicenseTally } from '../../../src/domain/group-licenses/group-license-preview.ts';
import type { DirectoryUser, LicenseAssignmentState } from '../../../src/domain/licensing.ts';
import type { PlanRule } from '../../../src/domain/planning/plan-rules.ts';
import { e3, plans, powerBiPro, tenantSkus } from '../fixtures/tenant.ts';

const GROUP = 'group-sales';
const OTHER = 'group-other';

function member(
  name: string,
  sources: { skuId: string; from: string | null }[] = [],
  usageLocation: string | null = 'US',
): DirectoryUser {
  const states: LicenseAssignmentState[] = sources.map(({ skuId, from }) => ({
    skuId,
    disabledPlans: [],
    assignedByGroup: from,
    state: 'Active',
    error: null,
    lastUpdatedDateTime: null,
  }));
  return {
    id: name,
    userPrincipalName: `${name}@contoso.com`,
    displayName: name,
    usageLocation,
    licenseAssignmentStates: states,
    assignedLicenses: [...new Set(sources.map((s) => s.skuId))].map((skuId) => ({
      skuId,
      disabledPlans: [],
    })),
  };
}

const add = (kind: 'assign' | 'modify' = 'assign'): GroupLicenseChange => ({
  kind,
  body: { addLicenses: [{ skuId: powerBiPro.skuId, disabledPlans: [] }], removeLicenses: [] },
  after: [],
  description: 'Add Power BI Pro',
});

const remove = (skuId = powerBiPro.skuId): GroupLicenseChange => ({
  kind: 'remove',
  body: { addLicenses: [], removeLicenses: [skuId] },
  after: [],
  description: 'Remove Power BI Pro',
});

const prices = new Map([[powerBiPro.skuId, { monthlyAmount: 10, currency: 'USD' }]]);

describe('GroupLicenseTally', () => {
  it('counts who gets a new group license, who takes a seat, and what the approver should know', () => {
    const tally = new GroupLicenseTally(GROUP, add(), tenantSkus, []);
    tally.add(member('new'));
    tally.add(member('direct', [{ skuId: powerBiPro.skuId, from: null }]));
    tally.add(member('here', [{ skuId: powerBiPro.skuId, from: GROUP }]));
    tally.add(member('elsewhere', [{ skuId: powerBiPro.skuId, from: OTHER }]));
    tally.add(member('nowhere', [], null));
    expect(tally.preview).toMatchObject({
      memberCount: 5,
      willGet: { count: 4, names: ['new', 'direct', 'elsewhere', 'nowhere'] },
      takeSeat: 2,
      alreadyFromGroup: 1,
      alsoDirect: { count: 1, names: ['direct'] },
      fromOtherGroup: 1,
      withoutUsageLocation: { count: 1, names: ['nowhere'] },
      conflicts: { count: 0 },
    });
    const impact = tally.impact(prices, 'GB');
    expect(impact).toMatchObject({
      userCount: 5,
      changeCount: 4,
      noopCount: 1,
      seats: [{ skuId: powerBiPro.skuId, usedBefore: 80, usedAfter: 82, shortfall: 0 }],
      cost: [{ currency: 'USD', before: 800, after: 820, delta: 20 }],
    });
    expect(impact.warnings.join('\n')).toContain('1 member(s) also hold it directly (direct)');
    expect(impact.warnings.join('\n')).toContain("the tenant's country, GB");
  });

  it('says which members would get clashing plans and when seats run short', () => {
    const rules: PlanRule[] = [
      {
        kind: 'mutuallyExclusive',
        planIds: [plans.powerBi.servicePlanId, plans.teams.servicePlanId],
      },
      { kind: 'dependsOn', planId: plans.powerBi.servicePlanId, requiresAnyOf: ['unknown-plan'] },
    ];
    const tally = new GroupLicenseTally(
      GROUP,
      add(),
      [{ ...powerBiPro, consumedUnits: 99 }, e3],
      rules,
    );
    for (let i = 0; i < 7; i += 1) {
      tally.add(member(`user${i}`, [{ skuId: e3.skuId, from: null }], null));
    }
    const impact = tally.impact(new Map(), '');
    expect(tally.preview.conflicts.count).toBe(7);
    expect(tally.preview.conflictWords).toEqual([
      expect.stringContaining('exclude each other') as string,
      expect.stringContaining('needs unknown-plan') as string,
    ]);
    const warnings = impact.warnings.join('\n');
    expect(warnings).toContain('user0, user1, user2, user3, user4 and 2 more');
    expect(warnings).toContain("group licensing gives them the tenant's country.");
    expect(warnings).toContain('7 member(s) would get clashing plans');
    expect(warnings).toContain('The group requires more licenses than are available: 6');
    expect(impact.unpriced).toEqual([expect.any(String)]);
  });

  it('counts a change of plans for the members who hold it from the group', () => {
    const tally = new GroupLicenseTally(GROUP, add('modify'), tenantSkus, []);
    const { assignedLicenses: _none, ...unread } = member('unread');
    tally.add(unread);
    expect(tally.impact(prices, 'US').warnings).toEqual([]);
    tally.add(member('here', [{ skuId: powerBiPro.skuId, from: GROUP }]));
    tally.add(member('direct', [{ skuId: powerBiPro.skuId, from: null }]));
    expect(tally.preview.willGet).toEqual({ count: 1, names: ['here'] });
    expect(tally.preview.memberCount).toBe(3);
    expect(tally.preview.alreadyFromGroup).toBe(0);
  });

  it('counts who loses a removed license and who stays covered', () => {
    const tally = new GroupLicenseTally(GROUP, remove(), tenantSkus, []);
    tally.add(member('only-here', [{ skuId: powerBiPro.skuId, from: GROUP }]));
    tally.add(
      member('also-direct', [
        { skuId: powerBiPro.skuId, from: GROUP },
        { skuId: powerBiPro.skuId, from: null },
      ]),
    );
    tally.add(
      member('also-other', [
        { skuId: powerBiPro.skuId, from: GROUP },
        { skuId: powerBiPro.skuId, from: OTHER },
      ]),
    );
    tally.add(member('not-from-group', [{ skuId: powerBiPro.skuId, from: null }]));
    tally.add(member('none'));
    const impact = tally.impact(prices, 'US');
    expect(impact).toMatchObject({
      userCount: 5,
      changeCount: 1,
      noopCount: 2,
      seats: [{ usedBefore: 80, usedAfter: 79 }],
      cost: [{ delta: -10 }],
    });
    expect(impact.warnings).toEqual([
      expect.stringMatching(/^1 member\(s\) lose .*: only-here$/) as string,
      expect.stringMatching(/^2 member\(s\) keep /) as string,
    ]);
  });

  it('says when no member loses a removed license, naming an unknown SKU by id', () => {
    const tally = new GroupLicenseTally(GROUP, remove('gone-sku'), tenantSkus, []);
    tally.add(member('someone'));
    expect(tally.impact(prices, 'US').warnings).toEqual([
      'No member loses gone-sku: each is covered another way.',
    ]);
  });
});
