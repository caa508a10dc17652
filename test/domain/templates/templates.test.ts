import { describe, expect, it } from 'vitest';
import type { Sku } from '../../../src/domain/licensing.ts';
import { expandTemplate, withKnownPlans } from '../../../src/domain/templates/expand-template.ts';
import {
  licenseTemplateSchema,
  type LicenseTemplate,
} from '../../../src/domain/templates/license-template.ts';
import { resolveLicense } from '../../../src/domain/templates/resolve-license.ts';
import { seededTemplates } from '../../../src/domain/templates/seeded-templates.ts';
import { templateDrift } from '../../../src/domain/templates/template-drift.ts';
import { e3, e5, exchangePlan1, plans, powerBiPro, tenantSkus } from '../fixtures/tenant.ts';

const template = (id: string): LicenseTemplate => seededTemplates.find((t) => t.id === id)!;

describe('seeded templates', () => {
  it('are the four of issue 4, each valid', () => {
    expect(seededTemplates.map((t) => [t.name, t.licenses.map((l) => l.skuPartNumber)])).toEqual([
      ['Standard Employee', ['SPE_E3', 'POWER_BI_PRO']],
      ['Executive', ['SPE_E5', 'PROJECTPROFESSIONAL']],
      ['Frontline Worker', ['SPE_F1']],
      ['Email Only', ['EXCHANGESTANDARD']],
    ]);
    for (const seeded of seededTemplates) {
      expect(licenseTemplateSchema.parse(seeded)).toEqual(seeded);
    }
  });

  it('refuse a template without licenses or name', () => {
    expect(licenseTemplateSchema.safeParse({ id: 'x', name: ' ', licenses: [] }).success).toBe(
      false,
    );
  });
});

describe('expandTemplate', () => {
  it('turns Standard Employee into E3 with only its listed plans on, and Power BI Pro all on', () => {
    const result = expandTemplate(template('standard-employee'), tenantSkus);
    expect(result).toEqual({
      ok: true,
      value: [
        { sku: e3, disabledPlanIds: [] },
        { sku: powerBiPro, disabledPlanIds: [] },
      ],
    });
  });

  it('disables the plans of the SKU a template does not list', () => {
    const e3WithSway: Sku = {
      ...e3,
      servicePlans: [...e3.servicePlans, { servicePlanId: 'sway-id', servicePlanName: 'SWAY' }],
    };
    const result = expandTemplate(template('standard-employee'), [e3WithSway, powerBiPro]);
    expect(result.ok && result.value[0]!.disabledPlanIds).toEqual(['sway-id']);
  });

  it('refuses a template whose SKU the tenant lacks, naming the product', () => {
    expect(expandTemplate(template('executive'), [e5])).toEqual({
      ok: false,
      failure: {
        code: 'SKU_NOT_FOUND',
        message:
          'The template "Executive" uses Planner and Project Plan 3, which this tenant does not have. Edit the template or buy the product.',
        retryable: false,
      },
    });
  });
});

describe('template drift', () => {
  it('is empty when the SKUs are as saved', () => {
    const saved = withKnownPlans(template('standard-employee'), tenantSkus);
    expect(templateDrift(saved, tenantSkus)).toEqual([]);
  });

  it('says when a SKU gained a plan, and that the template leaves it off', () => {
    const saved = withKnownPlans(template('standard-employee'), tenantSkus);
    const grown: Sku = {
      ...e3,
      servicePlans: [...e3.servicePlans, { servicePlanId: 'sway-id', servicePlanName: 'SWAY' }],
    };
    expect(templateDrift(saved, [grown, powerBiPro])).toEqual([
      {
        skuPartNumber: 'SPE_E3',
        missingSku: false,
        lostPlans: [],
        gainedPlans: ['SWAY'],
        message: 'Microsoft 365 E3 now also has Sway (off in this template).',
      },
    ]);
  });

  it('says a gained plan is on in an all-on template', () => {
    const saved = withKnownPlans(template('executive'), tenantSkus);
    const grown: Sku = {
      ...e5,
      servicePlans: [...e5.servicePlans, { servicePlanId: 'sway-id', servicePlanName: 'SWAY' }],
    };
    expect(templateDrift(saved, [grown, ...tenantSkus])[0]!.message).toBe(
      'Microsoft 365 E5 now also has Sway (on).',
    );
  });

  it('says when a SKU lost a plan the template turns on', () => {
    const shrunk: Sku = { ...e3, servicePlans: e3.servicePlans.filter((p) => p !== plans.teams) };
    expect(templateDrift(template('standard-employee'), [shrunk, powerBiPro])).toEqual([
      {
        skuPartNumber: 'SPE_E3',
        missingSku: false,
        lostPlans: ['TEAMS1'],
        gainedPlans: [],
        message: 'Microsoft 365 E3 no longer has Microsoft Teams.',
      },
    ]);
  });

  it('says both at once', () => {
    const saved = withKnownPlans(template('standard-employee'), tenantSkus);
    const changed: Sku = {
      ...e3,
      servicePlans: [
        ...e3.servicePlans.filter((p) => p !== plans.intune),
        { servicePlanId: 's', servicePlanName: 'SWAY' },
      ],
    };
    expect(templateDrift(saved, [changed, powerBiPro])[0]!.message).toBe(
      'Microsoft 365 E3 no longer has Microsoft Intune Plan 1 and now also has Sway (off in this template).',
    );
  });

  it('says when the tenant no longer has the SKU', () => {
    const saved = withKnownPlans(template('email-only'), [exchangePlan1]);
    expect(templateDrift(saved, [e3])).toEqual([
      {
        skuPartNumber: 'EXCHANGESTANDARD',
        missingSku: true,
        lostPlans: [],
        gainedPlans: [],
        message: 'Exchange Online (Plan 1) is no longer in this tenant.',
      },
    ]);
  });

  it('says when a seeded template names a SKU the tenant never had', () => {
    expect(templateDrift(template('email-only'), [e3])[0]!.message).toBe(
      'This tenant does not have Exchange Online (Plan 1): assigning this template is refused until it is edited or the product bought.',
    );
  });

  it('leaves a SKU the tenant lacks as it was when stamping known plans', () => {
    expect(withKnownPlans(template('email-only'), [e3])).toEqual(template('email-only'));
  });
});

describe('resolveLicense', () => {
  it('finds a template by name', () => {
    expect(resolveLicense('standard employee', seededTemplates, tenantSkus)).toEqual({
      kind: 'found',
      choice: { kind: 'template', template: template('standard-employee') },
    });
  });

  it('finds a SKU when no template fits', () => {
    expect(resolveLicense('Power BI Pro', seededTemplates, tenantSkus)).toEqual({
      kind: 'found',
      choice: { kind: 'sku', sku: powerBiPro },
    });
  });

  it('asks when a word fits a template and a SKU', () => {
    const starter: LicenseTemplate = {
      id: 'e5-starter',
      name: 'E5 Starter',
      licenses: [{ skuPartNumber: 'SPE_E5', enabledPlans: 'all' }],
    };
    expect(resolveLicense('e5', [starter], [e3, e5])).toEqual({
      kind: 'ambiguous',
      candidates: [
        { kind: 'template', template: starter },
        { kind: 'sku', sku: e5 },
      ],
    });
  });

  it('finds a template by the start of its name', () => {
    expect(resolveLicense('exec', seededTemplates, tenantSkus)).toMatchObject({
      kind: 'found',
      choice: { kind: 'template', template: { id: 'executive' } },
    });
  });

  it('suggests a template for a typo', () => {
    expect(resolveLicense('Fronltine Worker', seededTemplates, tenantSkus)).toMatchObject({
      kind: 'unknown',
      suggestion: { kind: 'template', template: { id: 'frontline-worker' } },
    });
  });
});
