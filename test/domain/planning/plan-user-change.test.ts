import { describe, expect, it } from 'vitest';
import type { DirectoryUser, LicenseAssignmentState } from '../../../src/domain/licensing.ts';
import type { PlanningContext, UserPlan } from '../../../src/domain/planning/license-change.ts';
import { planUserChange } from '../../../src/domain/planning/plan-user-change.ts';
import { defaultPlanRules } from '../../../src/domain/planning/plan-rules.ts';
import {
  e3,
  e5,
  exchangePlan1,
  o365e3,
  plans,
  powerBiPro,
  projectPlan3,
  tenantSkus,
} from '../fixtures/tenant.ts';

const ctx: PlanningContext = {
  skus: tenantSkus,
  rules: defaultPlanRules,
  groupNames: { 'g-all': 'All Employees' },
};

function user(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'u-adele',
    userPrincipalName: 'adele@contoso.com',
    displayName: 'Adele Vance',
    usageLocation: 'US',
    country: 'United States',
    assignedLicenses: [],
    licenseAssignmentStates: [],
    ...overrides,
  };
}

function state(
  skuId: string,
  assignedByGroup: string | null,
  disabledPlans: string[] = [],
): LicenseAssignmentState {
  return {
    skuId,
    disabledPlans,
    assignedByGroup,
    state: 'Active',
    error: 'None',
    lastUpdatedDateTime: null,
  };
}

function holding(
  skuId: string,
  disabledPlans: string[] = [],
  groups: (string | null)[] = [null],
): Partial<DirectoryUser> {
  return {
    assignedLicenses: [{ skuId, disabledPlans }],
    licenseAssignmentStates: groups.map((group) => state(skuId, group, disabledPlans)),
  };
}

function change(plan: UserPlan) {
  if (plan.outcome !== 'change') {
    throw new Error(`expected a change, got ${JSON.stringify(plan)}`);
  }
  return plan;
}

describe('assign', () => {
  it('sends the exact assignLicense body with the plans to leave off', () => {
    const plan = change(
      planUserChange(
        user(),
        { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [plans.teams.servicePlanId] }] },
        ctx,
      ),
    );
    expect(plan.body).toEqual({
      addLicenses: [{ skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId] }],
      removeLicenses: [],
    });
    expect(plan.seatsTaken).toEqual([e3.skuId]);
    expect(plan.setUsageLocation).toBeUndefined();
  });

  it('assigns every SKU of a template in one call', () => {
    const plan = change(
      planUserChange(
        user(),
        {
          kind: 'assign',
          licenses: [
            { sku: e3, disabledPlanIds: [] },
            { sku: powerBiPro, disabledPlanIds: [] },
          ],
        },
        ctx,
      ),
    );
    expect(plan.body.addLicenses.map((license) => license.skuId)).toEqual([
      e3.skuId,
      powerBiPro.skuId,
    ]);
  });

  it('is a no-op when the user already has the SKU with the same plans', () => {
    const plan = planUserChange(
      user(holding(e3.skuId, [plans.teams.servicePlanId])),
      { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [plans.teams.servicePlanId] }] },
      ctx,
    );
    expect(plan).toEqual({
      outcome: 'noop',
      userId: 'u-adele',
      reason: 'Adele Vance already has Microsoft 365 E3 with the same service plans.',
    });
  });

  it('changes the plans of a SKU the user has without taking another seat', () => {
    const plan = change(
      planUserChange(
        user(holding(e3.skuId, [plans.teams.servicePlanId])),
        { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] },
        ctx,
      ),
    );
    expect(plan.body.addLicenses).toEqual([{ skuId: e3.skuId, disabledPlans: [] }]);
    expect(plan.seatsTaken).toEqual([]);
  });

  it('refuses a plan to leave off that the SKU does not have', () => {
    const plan = planUserChange(
      user(),
      {
        kind: 'assign',
        licenses: [{ sku: exchangePlan1, disabledPlanIds: [plans.teams.servicePlanId] }],
      },
      ctx,
    );
    expect(plan).toMatchObject({
      outcome: 'blocked',
      failure: { code: 'PLAN_NOT_IN_SKU', planIds: [plans.teams.servicePlanId] },
    });
  });

  it('warns about a missing dependency the plans left on would break', () => {
    const plan = change(
      planUserChange(
        user(),
        {
          kind: 'assign',
          licenses: [{ sku: e3, disabledPlanIds: [plans.sharePoint.servicePlanId] }],
        },
        ctx,
      ),
    );
    expect(plan.conflicts).toEqual([
      {
        kind: 'missingDependency',
        planId: plans.officeWeb.servicePlanId,
        requiresAnyOf: expect.arrayContaining([plans.sharePoint.servicePlanId]),
      },
    ]);
  });

  it('warns about mutually exclusive plans, but only new ones', () => {
    const rules = [
      {
        kind: 'mutuallyExclusive' as const,
        planIds: [plans.exchangePlan1.servicePlanId, plans.exchangePlan2.servicePlanId] as [
          string,
          string,
        ],
      },
    ];
    const fresh = change(
      planUserChange(
        user(holding(e3.skuId)),
        { kind: 'assign', licenses: [{ sku: exchangePlan1, disabledPlanIds: [] }] },
        { ...ctx, rules },
      ),
    );
    expect(fresh.conflicts).toEqual([{ kind: 'mutuallyExclusive', planIds: rules[0]!.planIds }]);
    const both = {
      assignedLicenses: [
        { skuId: e3.skuId, disabledPlans: [] },
        { skuId: exchangePlan1.skuId, disabledPlans: [] },
      ],
      licenseAssignmentStates: [],
    };
    const again = change(
      planUserChange(
        user(both),
        { kind: 'assign', licenses: [{ sku: powerBiPro, disabledPlanIds: [] }] },
        { ...ctx, rules },
      ),
    );
    expect(again.conflicts).toEqual([]);
  });
});

describe('SKUs that cannot be given', () => {
  it('refuses a SKU licensed to the organisation rather than to users', () => {
    const company = { ...e3, appliesTo: 'Company' };
    expect(
      planUserChange(
        user(),
        { kind: 'assign', licenses: [{ sku: company, disabledPlanIds: [] }] },
        ctx,
      ),
    ).toMatchObject({
      outcome: 'blocked',
      failure: {
        code: 'INVALID_REQUEST',
        message:
          'Microsoft 365 E3 is licensed to the organisation, not to users: it cannot be assigned to anyone.',
      },
    });
  });

  it('refuses a suspended, deleted or locked-out subscription, saying what to do', () => {
    for (const [status, word] of [
      ['Suspended', 'suspended'],
      ['Deleted', 'deleted'],
      ['LockedOut', 'locked out'],
    ] as const) {
      const sku = { ...e3, capabilityStatus: status };
      expect(
        planUserChange(user(), { kind: 'assign', licenses: [{ sku, disabledPlanIds: [] }] }, ctx),
      ).toMatchObject({
        outcome: 'blocked',
        failure: {
          code: 'NO_SEATS',
          message: `Microsoft 365 E3 is ${word}: renew or reactivate the subscription before assigning it.`,
        },
      });
    }
  });

  it('still assigns a subscription in its warning period', () => {
    const sku = { ...e3, capabilityStatus: 'Warning' as const };
    expect(
      planUserChange(user(), { kind: 'assign', licenses: [{ sku, disabledPlanIds: [] }] }, ctx)
        .outcome,
    ).toBe('change');
  });

  it('lets a user keep changing plans of a suspended SKU they already hold', () => {
    const sku = { ...e3, capabilityStatus: 'Suspended' as const };
    expect(
      planUserChange(
        user(holding(e3.skuId, [plans.teams.servicePlanId])),
        { kind: 'assign', licenses: [{ sku, disabledPlanIds: [] }] },
        ctx,
      ).outcome,
    ).toBe('change');
  });

  it('refuses to transfer to a SKU that cannot be given', () => {
    const to = { ...e3, capabilityStatus: 'Deleted' as const };
    expect(
      planUserChange(user(holding(o365e3.skuId)), { kind: 'transfer', from: o365e3, to }, ctx),
    ).toMatchObject({ outcome: 'blocked', failure: { code: 'NO_SEATS' } });
  });
});

describe('licenses the tenant no longer lists', () => {
  it('are kept and ignored for conflicts', () => {
    const old = {
      assignedLicenses: [{ skuId: 'retired-sku', disabledPlans: [] }],
      licenseAssignmentStates: [],
    };
    const plan = change(
      planUserChange(
        user(old),
        { kind: 'assign', licenses: [{ sku: e3, disabledPlanIds: [] }] },
        ctx,
      ),
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.body.removeLicenses).toEqual([]);
  });
});

describe('usage location', () => {
  const assignE3 = { kind: 'assign' as const, licenses: [{ sku: e3, disabledPlanIds: [] }] };

  it('sets the location the request gave when the user has none', () => {
    expect(
      change(
        planUserChange(user({ usageLocation: null }), assignE3, { ...ctx, usageLocation: 'FR' }),
      ).setUsageLocation,
    ).toBe('FR');
  });

  it("falls back to the user's country mapped to its code", () => {
    expect(
      change(planUserChange(user({ usageLocation: null, country: 'Germany' }), assignE3, ctx))
        .setUsageLocation,
    ).toBe('DE');
  });

  it('refuses with what to do when there is nothing to go on', () => {
    expect(
      planUserChange(user({ usageLocation: null, country: null }), assignE3, ctx),
    ).toMatchObject({
      outcome: 'blocked',
      failure: {
        code: 'USAGE_LOCATION_MISSING',
        message: expect.stringContaining('"location US"'),
      },
    });
  });

  it('treats an invalid location like a missing one', () => {
    expect(
      planUserChange(user({ usageLocation: 'XX', country: 'Atlantis' }), assignE3, ctx),
    ).toMatchObject({
      outcome: 'blocked',
      failure: { code: 'USAGE_LOCATION_INVALID', message: expect.stringContaining('(XX)') },
    });
  });

  it('is not needed when no new license is added', () => {
    const plan = change(
      planUserChange(
        user({ usageLocation: null, country: null, ...holding(e3.skuId) }),
        { kind: 'remove', skus: [e3] },
        ctx,
      ),
    );
    expect(plan.setUsageLocation).toBeUndefined();
  });
});

describe('remove', () => {
  it('removes a direct license and frees its seat', () => {
    const plan = change(
      planUserChange(user(holding(e3.skuId)), { kind: 'remove', skus: [e3] }, ctx),
    );
    expect(plan.body).toEqual({ addLicenses: [], removeLicenses: [e3.skuId] });
    expect(plan.seatsFreed).toEqual([e3.skuId]);
  });

  it('is a no-op when the user does not have it', () => {
    expect(planUserChange(user(), { kind: 'remove', skus: [e3] }, ctx)).toMatchObject({
      outcome: 'noop',
      reason: 'Adele Vance does not have Microsoft 365 E3.',
    });
  });

  it('cannot remove a license a group assigns, and names the group', () => {
    expect(
      planUserChange(user(holding(e3.skuId, [], ['g-all'])), { kind: 'remove', skus: [e3] }, ctx),
    ).toMatchObject({
      outcome: 'blocked',
      failure: {
        code: 'ASSIGNED_BY_GROUP',
        groupId: 'g-all',
        message: expect.stringContaining('the group "All Employees"'),
      },
    });
  });

  it('names a group by id when its name is not known', () => {
    const plan = planUserChange(
      user(holding(e3.skuId, [], ['g-x'])),
      { kind: 'remove', skus: [e3] },
      { ...ctx, groupNames: {} },
    );
    expect(plan).toMatchObject({ failure: { message: expect.stringContaining('"g-x"') } });
  });

  it('removes the direct assignment of a license a group also assigns, without freeing a seat', () => {
    const plan = change(
      planUserChange(
        user(holding(e3.skuId, [], [null, 'g-all'])),
        { kind: 'remove', skus: [e3] },
        ctx,
      ),
    );
    expect(plan.body.removeLicenses).toEqual([e3.skuId]);
    expect(plan.seatsFreed).toEqual([]);
    expect(plan.notes).toEqual(['Microsoft 365 E3 stays in use: a group also assigns it.']);
  });

  it('counts a license as direct when the states were not read', () => {
    const plan = change(
      planUserChange(
        user({
          assignedLicenses: [{ skuId: e3.skuId, disabledPlans: [] }],
          licenseAssignmentStates: undefined,
        }),
        { kind: 'remove', skus: [e3] },
        ctx,
      ),
    );
    expect(plan.seatsFreed).toEqual([e3.skuId]);
  });
});

describe('remove all', () => {
  it('removes every direct license and says which group licenses stay', () => {
    const holdingBoth = {
      assignedLicenses: [
        { skuId: e3.skuId, disabledPlans: [] },
        { skuId: powerBiPro.skuId, disabledPlans: [] },
      ],
      licenseAssignmentStates: [state(e3.skuId, 'g-all'), state(powerBiPro.skuId, null)],
    };
    const plan = change(planUserChange(user(holdingBoth), { kind: 'removeAll' }, ctx));
    expect(plan.body.removeLicenses).toEqual([powerBiPro.skuId]);
    expect(plan.notes).toEqual(['Microsoft 365 E3 stays: a group assigns it.']);
  });

  it('is a no-op for a user without licenses', () => {
    expect(
      planUserChange(user({ assignedLicenses: undefined }), { kind: 'removeAll' }, ctx),
    ).toMatchObject({
      outcome: 'noop',
      reason: 'Adele Vance does not have any license.',
    });
  });

  it('refuses when every license comes from a group', () => {
    expect(
      planUserChange(user(holding(e3.skuId, [], ['g-all'])), { kind: 'removeAll' }, ctx),
    ).toMatchObject({ outcome: 'blocked', failure: { code: 'ASSIGNED_BY_GROUP' } });
  });
});

describe('modify', () => {
  const teamsId = plans.teams.servicePlanId;
  const skypeId = plans.skype.servicePlanId;

  it('turns plans off and on, keeping the others as they were', () => {
    const plan = change(
      planUserChange(
        user(holding(e3.skuId, [skypeId])),
        { kind: 'modify', sku: e3, enablePlanIds: [skypeId], disablePlanIds: [teamsId] },
        ctx,
      ),
    );
    expect(plan.body).toEqual({
      addLicenses: [{ skuId: e3.skuId, disabledPlans: [teamsId] }],
      removeLicenses: [],
    });
    expect(plan.seatsTaken).toEqual([]);
  });

  it('is a no-op when the plans are already as asked', () => {
    expect(
      planUserChange(
        user(holding(e3.skuId, [teamsId])),
        { kind: 'modify', sku: e3, enablePlanIds: [], disablePlanIds: [teamsId] },
        ctx,
      ).outcome,
    ).toBe('noop');
  });

  it('refuses a user who does not have the SKU', () => {
    expect(
      planUserChange(
        user(),
        { kind: 'modify', sku: e3, enablePlanIds: [], disablePlanIds: [teamsId] },
        ctx,
      ),
    ).toMatchObject({
      outcome: 'blocked',
      failure: {
        code: 'INVALID_REQUEST',
        message: 'Adele Vance does not have Microsoft 365 E3: assign it instead.',
      },
    });
  });

  it('refuses a license a group assigns', () => {
    expect(
      planUserChange(
        user(holding(e3.skuId, [], ['g-all'])),
        { kind: 'modify', sku: e3, enablePlanIds: [], disablePlanIds: [teamsId] },
        ctx,
      ),
    ).toMatchObject({ failure: { code: 'ASSIGNED_BY_GROUP' } });
  });
});

describe('transfer', () => {
  it('adds the new SKU and removes the old one in one call', () => {
    const plan = change(
      planUserChange(user(holding(o365e3.skuId)), { kind: 'transfer', from: o365e3, to: e3 }, ctx),
    );
    expect(plan.body).toEqual({
      addLicenses: [{ skuId: e3.skuId, disabledPlans: [] }],
      removeLicenses: [o365e3.skuId],
    });
    expect(plan.seatsTaken).toEqual([e3.skuId]);
    expect(plan.seatsFreed).toEqual([o365e3.skuId]);
  });

  it('keeps disabled plans that exist in both SKUs', () => {
    const plan = change(
      planUserChange(
        user(holding(e5.skuId, [plans.teams.servicePlanId, plans.powerBi.servicePlanId])),
        { kind: 'transfer', from: e5, to: e3 },
        ctx,
      ),
    );
    expect(plan.body.addLicenses).toEqual([
      { skuId: e3.skuId, disabledPlans: [plans.teams.servicePlanId] },
    ]);
    expect(plan.notes).toEqual(['Kept off in Microsoft 365 E3: Microsoft Teams.']);
  });

  it('only removes the old SKU when the user already has the new one', () => {
    const both = {
      assignedLicenses: [
        { skuId: o365e3.skuId, disabledPlans: [] },
        { skuId: e3.skuId, disabledPlans: [] },
      ],
      licenseAssignmentStates: [state(o365e3.skuId, null), state(e3.skuId, null)],
    };
    const plan = change(
      planUserChange(user(both), { kind: 'transfer', from: o365e3, to: e3 }, ctx),
    );
    expect(plan.body).toEqual({ addLicenses: [], removeLicenses: [o365e3.skuId] });
  });

  it('is a no-op when the user already moved', () => {
    expect(
      planUserChange(user(holding(e3.skuId)), { kind: 'transfer', from: o365e3, to: e3 }, ctx)
        .outcome,
    ).toBe('noop');
  });

  it('refuses a user without the old SKU', () => {
    expect(planUserChange(user(), { kind: 'transfer', from: o365e3, to: e3 }, ctx)).toMatchObject({
      failure: { code: 'INVALID_REQUEST' },
    });
  });

  it('refuses when a group assigns the old SKU', () => {
    expect(
      planUserChange(
        user(holding(o365e3.skuId, [], ['g-all'])),
        { kind: 'transfer', from: o365e3, to: e3 },
        ctx,
      ),
    ).toMatchObject({ failure: { code: 'ASSIGNED_BY_GROUP', skuId: o365e3.skuId } });
  });

  it('works from the license states alone when assigned licenses were not read', () => {
    const statesOnly = {
      assignedLicenses: undefined,
      licenseAssignmentStates: [state(o365e3.skuId, null)],
    };
    const plan = change(
      planUserChange(user(statesOnly), { kind: 'transfer', from: o365e3, to: e3 }, ctx),
    );
    expect(plan.body).toEqual({
      addLicenses: [{ skuId: e3.skuId, disabledPlans: [] }],
      removeLicenses: [o365e3.skuId],
    });
    expect(plan.seatsTaken).toEqual([e3.skuId]);
  });

  it('needs a usage location for the new SKU', () => {
    const plan = change(
      planUserChange(
        user({ ...holding(projectPlan3.skuId), usageLocation: null, country: 'France' }),
        { kind: 'transfer', from: projectPlan3, to: e3 },
        ctx,
      ),
    );
    expect(plan.setUsageLocation).toBe('FR');
  });
});
