import { describe, expect, it } from 'vitest';
import { parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';
import { resolveCommand } from '../../../src/domain/commands/resolve-command.ts';
import { describeChange } from '../../../src/domain/planning/describe-change.ts';
import { seededTemplates } from '../../../src/domain/templates/seeded-templates.ts';
import {
  e3,
  e5,
  exchangePlan1,
  f3,
  o365e3,
  plans,
  powerBiPro,
  projectPlan3,
  tenantSkus,
} from '../fixtures/tenant.ts';

const tenant = { skus: tenantSkus, templates: seededTemplates };

function resolve(text: string, extra: Partial<Parameters<typeof resolveCommand>[1]> = {}) {
  const parsed = parseLicenseCommand(text);
  if (!parsed.ok || parsed.value.kind === 'request') {
    throw new Error(`cannot parse ${text}`);
  }
  return resolveCommand(parsed.value, { ...tenant, ...extra });
}

describe('resolving assign', () => {
  it('finds the SKU and the plans to leave off', () => {
    expect(resolve('assign m365 e3 to adele@contoso.com without Teams, sharepoint')).toEqual({
      ok: true,
      value: {
        kind: 'assign',
        licenses: [
          { sku: e3, disabledPlanIds: [plans.teams.servicePlanId, plans.sharePoint.servicePlanId] },
        ],
      },
    });
  });

  it('expands a template', () => {
    expect(resolve('assign Standard Employee to adele@contoso.com')).toEqual({
      ok: true,
      value: {
        kind: 'assign',
        licenses: [
          { sku: e3, disabledPlanIds: [] },
          { sku: powerBiPro, disabledPlanIds: [] },
        ],
      },
    });
  });

  it('explains a template whose SKU the tenant lacks', () => {
    expect(resolve('assign Executive to adele@contoso.com', { skus: [e5] })).toMatchObject({
      ok: false,
      failure: { kind: 'failure', failure: { code: 'SKU_NOT_FOUND' } },
    });
  });

  it('asks which license when the word fits several, by name', () => {
    expect(resolve('assign E3 to adele@contoso.com')).toEqual({
      ok: false,
      failure: {
        kind: 'ambiguous',
        word: 'E3',
        what: 'license',
        choices: ['Microsoft 365 E3', 'Office 365 E3'],
        message: '"E3" could be Microsoft 365 E3 or Office 365 E3: which one?',
      },
    });
  });

  it('suggests a license for a typo, and a template by its name', () => {
    expect(resolve('assign Powr BI Pro to a@contoso.com')).toMatchObject({
      ok: false,
      failure: {
        kind: 'unknown',
        suggestion: 'Power BI Pro',
        message:
          'I can\'t find the license "Powr BI Pro" in this tenant. Did you mean "Power BI Pro"?',
      },
    });
    expect(resolve('assign Fronltine Worker to a@contoso.com')).toMatchObject({
      failure: { suggestion: 'the template Frontline Worker' },
    });
    expect(resolve('assign banana to a@contoso.com')).toEqual({
      ok: false,
      failure: {
        kind: 'unknown',
        word: 'banana',
        what: 'license',
        message: 'I can\'t find the license "banana" in this tenant.',
      },
    });
  });

  it('asks about a plan word that fits two plans, and suggests for a typo', () => {
    const twoExchanges = { ...e5, servicePlans: [...e5.servicePlans, plans.exchangeFoundation] };
    expect(
      resolve('assign SPE_E5 to a@contoso.com without exchange', { skus: [twoExchanges] }),
    ).toMatchObject({
      ok: false,
      failure: {
        kind: 'ambiguous',
        what: 'plan',
        choices: ['Exchange Online (Plan 2)', 'Exchange Foundation'],
      },
    });
    expect(resolve('assign SPE_E3 to a@contoso.com without Temas')).toMatchObject({
      ok: false,
      failure: { kind: 'unknown', what: 'plan', suggestion: 'Microsoft Teams' },
    });
  });

  it('leaves "without" plans off in every SKU of a template that has them, once', () => {
    expect(
      resolve('assign Executive to a@contoso.com without Teams, TEAMS1, Project client'),
    ).toEqual({
      ok: true,
      value: {
        kind: 'assign',
        licenses: [
          { sku: e5, disabledPlanIds: [plans.teams.servicePlanId] },
          { sku: projectPlan3, disabledPlanIds: [plans.projectClient.servicePlanId] },
        ],
      },
    });
  });

  it('asks about a "without" plan no SKU of the template has, where it is ambiguous', () => {
    expect(resolve('assign Executive to a@contoso.com without banana')).toMatchObject({
      ok: false,
      failure: { kind: 'unknown', what: 'plan', word: 'banana' },
    });
    const biOnly = { ...powerBiPro, servicePlans: [plans.powerBi] };
    const twoExchanges = { ...e5, servicePlans: [...e5.servicePlans, plans.exchangeFoundation] };
    const mixed = {
      id: 'mixed',
      name: 'Mixed',
      licenses: [
        { skuPartNumber: 'POWER_BI_PRO', enabledPlans: 'all' as const },
        { skuPartNumber: 'SPE_E5', enabledPlans: 'all' as const },
      ],
    };
    expect(
      resolve('assign Mixed to a@contoso.com without exchange', {
        templates: [mixed],
        skus: [biOnly, twoExchanges],
      }),
    ).toMatchObject({
      ok: false,
      failure: {
        kind: 'ambiguous',
        what: 'plan',
        choices: ['Exchange Online (Plan 2)', 'Exchange Foundation'],
      },
    });
  });

  it('asks between a template and a SKU of the same words', () => {
    const starter = {
      id: 's',
      name: 'E5 Starter',
      licenses: [{ skuPartNumber: 'SPE_E5', enabledPlans: 'all' as const }],
    };
    expect(
      resolve('assign E5 to a@contoso.com', { templates: [starter], skus: [e5] }),
    ).toMatchObject({
      failure: { kind: 'ambiguous', choices: ['the template E5 Starter', 'Microsoft 365 E5'] },
    });
  });
});

describe('resolving remove and transfer', () => {
  it('resolves the SKU to remove, or all', () => {
    expect(resolve('remove Power BI Pro from a@contoso.com')).toEqual({
      ok: true,
      value: { kind: 'remove', skus: [powerBiPro] },
    });
    expect(resolve('remove all from a@contoso.com')).toEqual({
      ok: true,
      value: { kind: 'removeAll' },
    });
    expect(resolve('remove Powr BI Pro from a@contoso.com')).toMatchObject({
      ok: false,
      failure: { kind: 'unknown', suggestion: 'Power BI Pro' },
    });
    expect(resolve('remove E3 from a@contoso.com')).toMatchObject({
      ok: false,
      failure: { kind: 'ambiguous' },
    });
  });

  it('resolves both SKUs of a transfer', () => {
    expect(resolve('transfer a@contoso.com from Office 365 E3 to m365 e3')).toEqual({
      ok: true,
      value: { kind: 'transfer', from: o365e3, to: e3 },
    });
    expect(resolve('transfer a@contoso.com from nothing to m365 e3')).toMatchObject({
      ok: false,
      failure: { word: 'nothing' },
    });
    expect(resolve('transfer a@contoso.com from Office 365 E3 to nothing')).toMatchObject({
      ok: false,
      failure: { word: 'nothing' },
    });
  });
});

describe('resolving enable and disable', () => {
  it('uses the SKU given', () => {
    expect(resolve('disable Teams in m365 e3 for a@contoso.com')).toEqual({
      ok: true,
      value: {
        kind: 'modify',
        sku: e3,
        enablePlanIds: [],
        disablePlanIds: [plans.teams.servicePlanId],
      },
    });
    expect(resolve('enable Teams in nothing for a@contoso.com')).toMatchObject({
      ok: false,
      failure: { what: 'license' },
    });
  });

  it("finds the one SKU of the user's that has the plans", () => {
    expect(resolve('enable Intune for a@contoso.com', { userSkus: [e3, exchangePlan1] })).toEqual({
      ok: true,
      value: {
        kind: 'modify',
        sku: e3,
        enablePlanIds: [plans.intune.servicePlanId],
        disablePlanIds: [],
      },
    });
  });

  it('asks which SKU when several of the user’s have the plan', () => {
    expect(resolve('disable Teams for a@contoso.com', { userSkus: [e3, f3] })).toMatchObject({
      ok: false,
      failure: { kind: 'ambiguous', choices: ['Microsoft 365 E3', 'Microsoft 365 F3'] },
    });
  });

  it('says when no license has the plan', () => {
    expect(resolve('disable Teams for a@contoso.com', { userSkus: [exchangePlan1] })).toMatchObject(
      {
        ok: false,
        failure: { kind: 'unknown', message: "None of the user's licenses has all of: Teams." },
      },
    );
    expect(resolve('disable Quantum for a@contoso.com')).toMatchObject({
      failure: { message: 'No license in this tenant has all of: Quantum.' },
    });
  });

  it('refuses a plan the given SKU lacks', () => {
    expect(resolve('disable Intune in Power BI Pro for a@contoso.com')).toMatchObject({
      ok: false,
      failure: { what: 'plan' },
    });
  });
});

describe('resolving a removal that keeps the mailboxes', () => {
  it('keeps the license with only its Exchange Online plans on', () => {
    const result = resolve('remove SPE_E3 from adele@contoso.com keeping their mailboxes');
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'modify',
        sku: e3,
        enablePlanIds: [],
        disablePlanIds: e3.servicePlans
          .filter((plan) => plan.servicePlanId !== plans.exchangePlan2.servicePlanId)
          .map((plan) => plan.servicePlanId),
        keepsMailbox: true,
      },
    });
    expect(describeChange(result.ok ? result.value : { kind: 'removeAll' }, 3)).toBe(
      'Remove Microsoft 365 E3 from 3 users but keep their mailboxes (Exchange Online stays on; the seat stays taken)',
    );
  });

  it('refuses to keep mailboxes of "all", or of a license that holds none', () => {
    const all = resolve('remove all from adele@contoso.com, keep mailboxes');
    expect(!all.ok && all.failure.message).toMatch(/Name the license that holds the mailboxes/);
    const none = resolve('remove Power BI Pro from group "Sales" preserving mailbox data');
    expect(!none.ok && none.failure.message).toMatch(
      /Power BI Pro has no Exchange Online plan, so it holds no mailbox to keep/,
    );
  });
});
