import { describe, expect, it } from 'vitest';
import type { AssignCommand } from '../../../src/domain/commands/license-command.ts';
import type { LicensingFailure } from '../../../src/domain/errors.ts';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { conflictDetails, type ConflictDetail } from '../../../src/domain/planning/conflicts.ts';
import {
  conflictFixes,
  failureFixes,
  requestForItem,
  shortfallFixes,
} from '../../../src/domain/planning/fixes.ts';
import { planOperation } from '../../../src/domain/planning/plan-operation.ts';
import type { PlanRule } from '../../../src/domain/planning/plan-rules.ts';
import { defaultPlanRules } from '../../../src/domain/planning/plan-rules.ts';
import { businessPremium, e3, exchangePlan1, plans, tenantSkus } from '../fixtures/tenant.ts';

const skus = tenantSkus;
const ADELE = 'adele@contoso.com';
const exclusiveExchange: PlanRule[] = [
  {
    kind: 'mutuallyExclusive',
    planIds: [plans.exchangePlan1.servicePlanId, plans.exchangePlan2.servicePlanId],
  },
];

function adele(licenses: { skuId: string; disabledPlans: string[] }[] = []): DirectoryUser {
  return {
    id: 'u-adele',
    userPrincipalName: ADELE,
    displayName: 'Adele Vance',
    usageLocation: 'US',
    assignedLicenses: licenses,
    licenseAssignmentStates: [],
  };
}

const assign = (license: string, withoutPlans: string[] = []): AssignCommand => ({
  kind: 'assign',
  license,
  users: [ADELE],
  withoutPlans,
});

const failure = (code: LicensingFailure['code'], extra: Partial<LicensingFailure> = {}) => ({
  code,
  message: 'refused',
  retryable: false,
  ...extra,
});

describe('fixes for mutually exclusive plans', () => {
  const planned = planOperation(
    [adele([{ skuId: e3.skuId, disabledPlans: [] }])],
    { kind: 'assign', licenses: [{ sku: businessPremium, disabledPlanIds: [] }] },
    { skus, rules: exclusiveExchange },
  );
  const [detail] = planned.impact.conflicts;

  it('names where each plan comes from: the new license and the one the user keeps', () => {
    expect(planned.impact.conflicts).toHaveLength(1);
    expect(detail!.sources).toEqual([
      {
        planId: plans.exchangePlan1.servicePlanId,
        skuId: businessPremium.skuId,
        isNew: true,
        fromGroupsOnly: false,
      },
      {
        planId: plans.exchangePlan2.servicePlanId,
        skuId: e3.skuId,
        isNew: false,
        fromGroupsOnly: false,
      },
    ]);
  });

  it('names both plans and the licenses they come from', () => {
    expect(detail!.description).toBe(
      'Exchange Online (Plan 1) (in Microsoft 365 Business Premium) and Exchange Online (Plan 2) (in Microsoft 365 E3) cannot be on together',
    );
  });

  it('offers to assign without the plan the license brings', () => {
    const fixes = conflictFixes(detail!, { skus, request: assign('SPB') });
    expect(fixes[0]).toEqual({
      kind: 'request',
      title: 'Assign without Exchange Online (Plan 1)',
      request: { ...assign('SPB'), withoutPlans: ['EXCHANGE_S_STANDARD'] },
    });
  });

  it('offers to turn the other plan off first in the license the user already has', () => {
    const fixes = conflictFixes(detail!, { skus, request: assign('SPB') });
    expect(fixes[1]).toEqual({
      kind: 'request',
      title: 'Turn off Exchange Online (Plan 2) in Microsoft 365 E3 first',
      request: {
        kind: 'modify',
        action: 'disable',
        plans: ['EXCHANGE_S_ENTERPRISE'],
        sku: 'SPE_E3',
        users: [ADELE],
      },
    });
  });

  it('keeps the reason of the request it unblocks', () => {
    const why = { ...assign('SPB'), justification: 'she runs the store' };
    expect(
      conflictFixes(detail!, { skus, request: why }).map((fix) =>
        fix.kind === 'request' ? fix.request.justification : undefined,
      ),
    ).toEqual(['she runs the store', 'she runs the store']);
  });

  it('offers no "turn it off first" for a license only a group gives', () => {
    const fromGroup = planOperation(
      [
        {
          ...adele([{ skuId: e3.skuId, disabledPlans: [] }]),
          licenseAssignmentStates: [
            {
              skuId: e3.skuId,
              disabledPlans: [],
              assignedByGroup: 'g-all',
              state: 'Active',
              error: null,
              lastUpdatedDateTime: null,
            },
          ],
        },
      ],
      { kind: 'assign', licenses: [{ sku: businessPremium, disabledPlanIds: [] }] },
      { skus, rules: exclusiveExchange },
    );
    const [grouped] = fromGroup.impact.conflicts;
    expect(grouped!.sources[1]!.fromGroupsOnly).toBe(true);
    expect(conflictFixes(grouped!, { skus, request: assign('SPB') }).map((f) => f.title)).toEqual([
      'Assign without Exchange Online (Plan 1)',
    ]);
  });

  it('offers no "assign without" for a change that is not an assignment', () => {
    const modify = {
      kind: 'modify' as const,
      action: 'enable' as const,
      plans: ['x'],
      users: [ADELE],
    };
    const newOnly: ConflictDetail = { ...detail!, sources: [detail!.sources[0]!] };
    expect(conflictFixes(newOnly, { skus, request: modify })).toEqual([]);
  });

  it('names plans and licenses the tenant does not list by their ids', () => {
    const unlisted: ConflictDetail = {
      conflict: { kind: 'mutuallyExclusive', planIds: ['p-new', 'p-old'] },
      sources: [
        { planId: 'p-new', skuId: 'sku-new', isNew: true, fromGroupsOnly: false },
        { planId: 'p-old', skuId: 'sku-old', isNew: false, fromGroupsOnly: false },
      ],
      description: 'p-new and p-old cannot be on together',
    };
    expect(
      conflictFixes(unlisted, { skus, request: assign('sku-new', ['p-gone']) }).map(
        (fix) => fix.title,
      ),
    ).toEqual(['Assign without p-new', 'Turn off p-old in sku-old first']);
  });

  it('says a needed plan no license of the tenant has is missing', () => {
    const conflict = { kind: 'missingDependency' as const, planId: 'p', requiresAnyOf: ['q'] };
    expect(conflictDetails([conflict], [], [], new Map())[0]!.description).toBe(
      'p needs a plan the tenant has no license for, which would be off',
    );
  });

  it('finds no source in a license whose SKU the tenant does not list', () => {
    const conflict = {
      kind: 'mutuallyExclusive' as const,
      planIds: ['a', 'b'] as [string, string],
    };
    expect(
      conflictDetails([conflict], [{ skuId: 'gone', disabledPlans: [] }], [], new Map()),
    ).toEqual([{ conflict, sources: [], description: 'a and b cannot be on together' }]);
  });

  it('offers nothing without the request', () => {
    expect(conflictFixes(detail!, { skus })).toEqual([]);
  });

  it('counts a conflict shared by several users once', () => {
    const both = planOperation(
      [adele([{ skuId: e3.skuId, disabledPlans: [] }]), { ...adele(), id: 'u-2' }],
      { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] },
      {
        skus,
        rules: [{ kind: 'dependsOn', planId: plans.teams.servicePlanId, requiresAnyOf: ['none'] }],
      },
    );
    expect(both.impact.conflicts).toHaveLength(1);
  });
});

describe('fixes for a missing dependency', () => {
  const withoutSharePoint = assign('SPE_E3', ['SharePoint', 'Teams']);
  const planned = planOperation(
    [adele()],
    {
      kind: 'assign',
      licenses: [
        {
          sku: e3,
          disabledPlanIds: [plans.sharePoint.servicePlanId, plans.teams.servicePlanId],
        },
      ],
    },
    { skus, rules: defaultPlanRules },
  );
  const [detail] = planned.impact.conflicts;

  it('names the plan, its license, and the plans it needs', () => {
    expect(detail!.description).toBe(
      'Office for the Web (in Microsoft 365 E3) needs SharePoint (Plan 2), which would be off',
    );
  });

  it('offers to assign with the needed plan on when the request turned it off', () => {
    expect(conflictFixes(detail!, { skus, request: withoutSharePoint })).toEqual([
      {
        kind: 'request',
        title: 'Assign with SharePoint (Plan 2) on',
        request: { ...withoutSharePoint, withoutPlans: ['Teams'] },
      },
    ]);
  });

  it('offers nothing when the request did not turn the needed plan off', () => {
    expect(conflictFixes(detail!, { skus, request: assign('SPE_E3', ['Teams']) })).toEqual([]);
  });

  it('offers nothing for a license the user keeps, or a change that is not an assignment', () => {
    const kept: ConflictDetail = {
      ...detail!,
      sources: detail!.sources.map((source) => ({ ...source, isNew: false })),
    };
    expect(conflictFixes(kept, { skus, request: withoutSharePoint })).toEqual([]);
    const unknownSku: ConflictDetail = {
      ...detail!,
      sources: detail!.sources.map((source) => ({ ...source, skuId: 'gone' })),
    };
    expect(conflictFixes(unknownSku, { skus, request: withoutSharePoint })).toEqual([]);
    const remove = { kind: 'remove' as const, license: { scope: 'all' as const }, users: [ADELE] };
    expect(conflictFixes(detail!, { skus, request: remove })).toEqual([]);
  });
});

describe('fixes for seats', () => {
  it('asks who holds each SKU an operation leaves short, with the shortfall', () => {
    const seats = [
      {
        skuId: e3.skuId,
        name: 'Microsoft 365 E3',
        total: 1,
        usedBefore: 1,
        usedAfter: 3,
        availableAfter: -2,
        shortfall: 2,
      },
      {
        skuId: exchangePlan1.skuId,
        name: 'x',
        total: 9,
        usedBefore: 1,
        usedAfter: 2,
        availableAfter: 7,
        shortfall: 0,
      },
    ];
    expect(shortfallFixes(seats)).toEqual([
      { kind: 'whoHolds', title: 'Who holds Microsoft 365 E3?', skuId: e3.skuId, shortfall: 2 },
    ]);
  });

  it('asks who holds the SKU Microsoft 365 had no seats of, by id when the tenant lacks it', () => {
    expect(failureFixes(failure('NO_SEATS', { skuId: e3.skuId }), { skus, shortfall: 3 })).toEqual([
      { kind: 'whoHolds', title: 'Who holds Microsoft 365 E3?', skuId: e3.skuId, shortfall: 3 },
    ]);
    expect(failureFixes(failure('NO_SEATS', { skuId: 'sku-x' }), { skus: [] })).toEqual([
      { kind: 'whoHolds', title: 'Who holds these seats?', skuId: 'sku-x', shortfall: 1 },
    ]);
    expect(failureFixes(failure('NO_SEATS'), { skus })).toEqual([]);
  });
});

describe('fixes for failures', () => {
  it('asks for a usage location and the same assignment again', () => {
    expect(
      failureFixes(failure('USAGE_LOCATION_MISSING'), { skus, request: assign('E3') }),
    ).toEqual([
      { kind: 'askLocation', title: 'Set the usage location and ask again', request: assign('E3') },
    ]);
    const transfer = { kind: 'transfer' as const, users: [ADELE], fromSku: 'E3', toSku: 'E5' };
    expect(failureFixes(failure('USAGE_LOCATION_MISSING'), { skus, request: transfer })).toEqual(
      [],
    );
  });

  it('offers to assign without the plan of the license Microsoft 365 found exclusive', () => {
    const refused = failure('MUTUALLY_EXCLUSIVE_PLANS', {
      planIds: [plans.exchangePlan1.servicePlanId, plans.exchangePlan2.servicePlanId],
    });
    expect(failureFixes(refused, { skus, request: assign('SPB') })).toEqual([
      {
        kind: 'request',
        title: 'Assign without Exchange Online (Plan 1)',
        request: assign('SPB', ['EXCHANGE_S_STANDARD']),
      },
    ]);
    expect(
      failureFixes(refused, { skus, request: assign('Microsoft 365 Business Premium') }),
    ).toHaveLength(1);
    expect(failureFixes(refused, { skus, request: assign(businessPremium.skuId) })).toHaveLength(1);
  });

  it('offers to assign with the needed plan on when Microsoft 365 found it missing', () => {
    const refused = failure('MISSING_DEPENDENCY', { planIds: [plans.sharePoint.servicePlanId] });
    expect(
      failureFixes(refused, { skus, request: assign('SPE_E3', ['SHAREPOINTENTERPRISE']) }),
    ).toEqual([
      { kind: 'request', title: 'Assign with SharePoint (Plan 2) on', request: assign('SPE_E3') },
    ]);
    expect(failureFixes(refused, { skus, request: assign('SPE_E3') })).toEqual([]);
    expect(
      failureFixes(failure('MISSING_DEPENDENCY'), {
        skus,
        request: assign('SPE_E3', ['SHAREPOINTENTERPRISE']),
      }),
    ).toEqual([]);
  });

  it('offers no "assign without" that would leave the license with no plan on', () => {
    const refused = failure('MUTUALLY_EXCLUSIVE_PLANS', {
      planIds: [plans.exchangePlan2.servicePlanId],
    });
    expect(failureFixes(refused, { skus, request: assign('EXCHANGEENTERPRISE') })).toEqual([]);
    const o365 = assign('ENTERPRISEPACK', [
      'SharePoint (Plan 2)',
      'Office for the Web',
      'Teams',
      'Apps',
      'nothing',
    ]);
    expect(failureFixes(refused, { skus, request: o365 })).toEqual([]);
    expect(failureFixes(refused, { skus, request: assign('ENTERPRISEPACK', ['Teams']) })).toEqual([
      {
        kind: 'request',
        title: 'Assign without Exchange Online (Plan 2)',
        request: assign('ENTERPRISEPACK', ['Teams', 'EXCHANGE_S_ENTERPRISE']),
      },
    ]);
  });

  it('offers nothing for plans it cannot place in one license the tenant has', () => {
    const refused = failure('MUTUALLY_EXCLUSIVE_PLANS', { planIds: ['p'] });
    expect(failureFixes(refused, { skus, request: assign('E') })).toEqual([]);
    expect(failureFixes(refused, { skus })).toEqual([]);
  });

  it('has no button for a license from a group, or other refusals', () => {
    expect(failureFixes(failure('ASSIGNED_BY_GROUP', { groupId: 'g' }), { skus })).toEqual([]);
  });
});

describe('the request a failed item stands for', () => {
  it('is the assignment of its one license, with its plans off, by code', () => {
    expect(
      requestForItem(
        {
          userPrincipalName: ADELE,
          body: {
            addLicenses: [
              { skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId, 'p-gone'] },
            ],
            removeLicenses: [],
          },
        },
        skus,
      ),
    ).toEqual(assign('SPE_E3', ['TEAMS1', 'p-gone']));
    expect(
      requestForItem(
        {
          userPrincipalName: ADELE,
          body: { addLicenses: [{ skuId: 's', disabledPlans: [] }], removeLicenses: [] },
        },
        skus,
      ),
    ).toEqual(assign('s'));
  });

  it("carries the operation's reason, so the fix reaches approvers with it", () => {
    const item = {
      userPrincipalName: ADELE,
      body: { addLicenses: [{ skuId: 's', disabledPlans: [] }], removeLicenses: [] },
    };
    expect(requestForItem(item, skus, 'new hire in sales')).toEqual({
      ...assign('s'),
      justification: 'new hire in sales',
    });
    expect(requestForItem(item, skus, '')).toEqual(assign('s'));
  });

  it('is none for a removal, a swap or several licenses', () => {
    const add = { skuId: e3.skuId, disabledPlans: [] };
    const item = (addLicenses: (typeof add)[], removeLicenses: string[]) => ({
      userPrincipalName: ADELE,
      body: { addLicenses, removeLicenses },
    });
    expect(requestForItem(item([], [e3.skuId]), skus)).toBeUndefined();
    expect(requestForItem(item([add], [exchangePlan1.skuId]), skus)).toBeUndefined();
    expect(requestForItem(item([add, add], []), skus)).toBeUndefined();
  });
});
