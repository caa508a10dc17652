import { describe, expect, it } from 'vitest';
import { groupLicenseChange } from '../../../src/domain/group-licenses/group-license-change.ts';
import { defaultPlanRules, type PlanRule } from '../../../src/domain/planning/plan-rules.ts';
import { e3, e5, o365e3, plans, powerBiPro, tenantSkus } from '../fixtures/tenant.ts';

const license = (skuId: string, disabledPlans: string[] = []) => ({ skuId, disabledPlans });

describe('groupLicenseChange', () => {
  it('adds a license the group does not hand out yet, with the plans left off named', () => {
    const change = groupLicenseChange(
      'Sales',
      [license(e3.skuId)],
      { kind: 'license', licenses: [{ sku: e5, disabledPlanIds: [plans.teams.servicePlanId] }] },
      tenantSkus,
      defaultPlanRules,
    );
    expect(change).toEqual({
      ok: true,
      value: {
        kind: 'assign',
        body: { addLicenses: [license(e5.skuId, [plans.teams.servicePlanId])], removeLicenses: [] },
        after: [license(e3.skuId), license(e5.skuId, [plans.teams.servicePlanId])],
        description: expect.stringMatching(/^Add .* \(.*off\)$/) as string,
      },
    });
  });

  it('changes the plans of a license the group has, and names an unknown plan by its id', () => {
    const change = groupLicenseChange(
      'Sales',
      [license(powerBiPro.skuId)],
      { kind: 'license', licenses: [{ sku: powerBiPro, disabledPlanIds: ['not-a-plan'] }] },
      tenantSkus,
      defaultPlanRules,
    );
    expect(change.ok && change.value.kind).toBe('modify');
    expect(change.ok && change.value.description).toContain('(not-a-plan off)');
  });

  it('names a license added with every plan on by itself', () => {
    const change = groupLicenseChange(
      'Sales',
      [],
      { kind: 'license', licenses: [{ sku: powerBiPro, disabledPlanIds: [] }] },
      tenantSkus,
      defaultPlanRules,
    );
    expect(change.ok && change.value.description).toMatch(/^Add [^(]+$/);
  });

  it('has nothing to do when the group already hands it out with those plans', () => {
    const change = groupLicenseChange(
      'Sales',
      [license(e5.skuId, [plans.teams.servicePlanId])],
      { kind: 'license', licenses: [{ sku: e5, disabledPlanIds: [plans.teams.servicePlanId] }] },
      tenantSkus,
      defaultPlanRules,
    );
    expect(change).toMatchObject({ ok: false, reason: 'nothingToDo' });
  });

  it('refuses a plan whose dependency is off in the same group, naming both', () => {
    const change = groupLicenseChange(
      'Sales',
      [],
      {
        kind: 'license',
        licenses: [{ sku: o365e3, disabledPlanIds: [plans.sharePoint.servicePlanId] }],
      },
      tenantSkus,
      defaultPlanRules,
    );
    expect(change).toMatchObject({ ok: false, reason: 'refused' });
    expect(!change.ok && change.message).toMatch(
      /In "Sales", .* needs .* turned on in the same group/,
    );
  });

  it('refuses plans that exclude each other in the group, and names a plan it does not know by id', () => {
    const rules: PlanRule[] = [
      {
        kind: 'mutuallyExclusive',
        planIds: [plans.teams.servicePlanId, plans.powerBi.servicePlanId],
      },
    ];
    const clash = groupLicenseChange(
      'Sales',
      [license(powerBiPro.skuId)],
      { kind: 'license', licenses: [{ sku: e3, disabledPlanIds: [] }] },
      tenantSkus,
      rules,
    );
    expect(!clash.ok && clash.message).toContain('cannot both be on');
    const unknown = groupLicenseChange(
      'Sales',
      [],
      { kind: 'license', licenses: [{ sku: powerBiPro, disabledPlanIds: [] }] },
      tenantSkus,
      [{ kind: 'dependsOn', planId: plans.powerBi.servicePlanId, requiresAnyOf: ['mystery-plan'] }],
    );
    expect(!unknown.ok && unknown.message).toContain('mystery-plan');
  });

  it('removes a license the group hands out, and says so when it hands out no such license', () => {
    expect(
      groupLicenseChange(
        'Sales',
        [license(e3.skuId), license(e5.skuId)],
        { kind: 'unlicense', skus: [e3] },
        tenantSkus,
        defaultPlanRules,
      ),
    ).toEqual({
      ok: true,
      value: {
        kind: 'remove',
        body: { addLicenses: [], removeLicenses: [e3.skuId] },
        after: [license(e5.skuId)],
        description: expect.stringMatching(/^Remove /) as string,
      },
    });
    expect(
      groupLicenseChange(
        'Sales',
        [],
        { kind: 'unlicense', skus: [e3] },
        tenantSkus,
        defaultPlanRules,
      ),
    ).toMatchObject({ ok: false, reason: 'nothingToDo' });
  });
});
