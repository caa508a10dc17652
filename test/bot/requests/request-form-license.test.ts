import { describe, expect, it } from 'vitest';
import {
  licenseChoices,
  pickLicense,
  plansLeftOff,
  type PickedLicense,
} from '../../../src/bot/commands/request-form-license.ts';
import type { ServicePlan, Sku } from '../../../src/domain/licensing.ts';
import type { LicenseTemplate } from '../../../src/domain/templates/license-template.ts';

const plan = (servicePlanId: string, servicePlanName: string): ServicePlan => ({
  servicePlanId,
  servicePlanName,
});
const teams = plan('p-teams', 'TEAMS1');
const exchange = plan('p-exchange', 'EXCHANGE_S_ENTERPRISE');
const foundation = plan('p-foundation', 'EXCHANGE_S_FOUNDATION');
const bi = plan('p-bi', 'BI_AZURE_P2');

const sku = (skuId: string, skuPartNumber: string, servicePlans: ServicePlan[], free = 5): Sku => ({
  skuId,
  skuPartNumber,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: 10 - free,
  prepaidUnits: { enabled: 10, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans,
});
const e3 = sku('sku-e3', 'SPE_E3', [teams, exchange, foundation]);
const powerBi = sku('sku-bi', 'POWER_BI_PRO', [bi, foundation], 0);
const device = { ...sku('sku-device', 'DEVICE_SKU', [teams]), appliesTo: 'Company' };
const skus = [e3, powerBi, device];
const analyst: LicenseTemplate = {
  id: 'analyst',
  name: 'Analyst',
  licenses: [
    { skuPartNumber: 'SPE_E3', enabledPlans: ['TEAMS1', 'exchange_s_foundation'] },
    { skuPartNumber: 'POWER_BI_PRO', enabledPlans: 'all' },
  ],
};

function picked(value: string, templates: LicenseTemplate[] = [analyst]): PickedLicense {
  const result = pickLicense(value, skus, templates);
  if (!result.ok) {
    throw new Error(result.failure);
  }
  return result.value;
}

describe('the license list of the request form', () => {
  it('lists templates first, then the products users can hold, with free seats', () => {
    expect(licenseChoices(skus, [analyst])).toEqual([
      { title: 'Template: Analyst (Microsoft 365 E3, Power BI Pro)', value: 'template:analyst' },
      { title: 'Product: Microsoft 365 E3 · 5 of 10 seats free', value: 'sku:sku-e3' },
      { title: 'Product: Power BI Pro · no seats free', value: 'sku:sku-bi' },
    ]);
  });

  it('refuses a stale, forged or device-only pick, and a template whose product is gone', () => {
    const gone = 'That license is not offered in this tenant any more: pick another.';
    expect(pickLicense('sku:nope', skus, [])).toEqual({ ok: false, failure: gone });
    expect(pickLicense('sku:sku-device', skus, [])).toEqual({ ok: false, failure: gone });
    expect(pickLicense('template:nope', skus, [analyst])).toEqual({ ok: false, failure: gone });
    expect(pickLicense('', skus, [])).toEqual({
      ok: false,
      failure: 'Pick a license or a template.',
    });
    expect(pickLicense('template:analyst', [e3], [analyst])).toMatchObject({
      ok: false,
      failure: expect.stringContaining('uses Power BI Pro, which this tenant does not have'),
    });
  });
});

describe('the plan switches of the request form', () => {
  it('names the plans turned off, and none when every switch is left as it was', () => {
    const e3Picked = picked('sku:sku-e3');
    expect(plansLeftOff(e3Picked, {})).toEqual({ ok: true, value: [] });
    expect(
      plansLeftOff(e3Picked, {
        'plan:SPE_E3:TEAMS1': 'false',
        'plan:SPE_E3:EXCHANGE_S_ENTERPRISE': 'true',
      }),
    ).toEqual({ ok: true, value: ['p-teams'] });
  });

  it('refuses a switch of another product, a value that is not on or off, and all off', () => {
    const e3Picked = picked('sku:sku-e3');
    expect(plansLeftOff(e3Picked, { 'plan:POWER_BI_PRO:BI_AZURE_P2': 'false' })).toMatchObject({
      ok: false,
      failure: expect.stringContaining(
        '"POWER_BI_PRO:BI_AZURE_P2" is not a service plan of Microsoft 365 E3',
      ),
    });
    expect(plansLeftOff(e3Picked, { 'plan:SPE_E3:TEAMS1': 'maybe' })).toMatchObject({
      ok: false,
      failure: expect.stringContaining('switches are on or off'),
    });
    const allOff = Object.fromEntries(
      e3.servicePlans.map((p) => [`plan:SPE_E3:${p.servicePlanName}`, 'false']),
    );
    expect(plansLeftOff(e3Picked, allOff)).toMatchObject({
      ok: false,
      failure: expect.stringContaining('Leave at least one service plan on'),
    });
  });

  it('starts a template as it is set, and only lets plans it has on be turned off', () => {
    const template = picked('template:analyst');
    expect(
      template.skus.map((entry) => entry.sku.servicePlans.map((p) => entry.startsOn(p))),
    ).toEqual([
      [true, false, true],
      [true, true],
    ]);
    // Exchange is already off in the template: nothing to add for it.
    expect(plansLeftOff(template, { 'plan:SPE_E3:EXCHANGE_S_ENTERPRISE': 'false' })).toEqual({
      ok: true,
      value: [],
    });
    expect(plansLeftOff(template, { 'plan:SPE_E3:EXCHANGE_S_ENTERPRISE': 'true' })).toMatchObject({
      ok: false,
      failure: expect.stringContaining(
        'The template Analyst keeps Exchange Online (Plan 2) off in Microsoft 365 E3.',
      ),
    });
  });

  it('refuses a plan of two products of a template turned off in one only', () => {
    const template = picked('template:analyst');
    expect(plansLeftOff(template, { 'plan:SPE_E3:EXCHANGE_S_FOUNDATION': 'false' })).toMatchObject({
      ok: false,
      failure: expect.stringContaining('is in more than one license of the template Analyst'),
    });
    expect(
      plansLeftOff(template, {
        'plan:SPE_E3:EXCHANGE_S_FOUNDATION': 'false',
        'plan:POWER_BI_PRO:EXCHANGE_S_FOUNDATION': 'false',
      }),
    ).toEqual({ ok: true, value: ['p-foundation'] });
  });
});
