import { describe, expect, it } from 'vitest';
import { resolvePlan, resolveSku } from '../../../src/domain/catalogue/resolve-sku.ts';
import {
  e3,
  e5,
  exchangePlan1,
  exchangePlan2,
  o365e5,
  plans,
  powerBiPro,
  tenantSkus,
} from '../fixtures/tenant.ts';

describe('resolveSku', () => {
  it('finds a SKU by part number, in any case', () => {
    expect(resolveSku('SPE_E3', tenantSkus)).toEqual({ kind: 'found', sku: e3 });
    expect(resolveSku('spe_e3', tenantSkus)).toEqual({ kind: 'found', sku: e3 });
  });

  it('finds a SKU by its skuId', () => {
    expect(resolveSku(e5.skuId.toUpperCase(), tenantSkus)).toEqual({ kind: 'found', sku: e5 });
  });

  it('finds a SKU by product name', () => {
    expect(resolveSku('Power BI Pro', tenantSkus)).toEqual({ kind: 'found', sku: powerBiPro });
    expect(resolveSku('office 365 e5', tenantSkus)).toEqual({ kind: 'found', sku: o365e5 });
  });

  it('finds a SKU by common shorthand', () => {
    expect(resolveSku('m365 e3', tenantSkus)).toEqual({ kind: 'found', sku: e3 });
    expect(resolveSku('exchange plan 1', tenantSkus)).toEqual({
      kind: 'found',
      sku: exchangePlan1,
    });
    expect(resolveSku('EXO P2', tenantSkus)).toEqual({ kind: 'found', sku: exchangePlan2 });
    expect(resolveSku('business prem', tenantSkus)).toMatchObject({ kind: 'found' });
  });

  it('finds a SKU by a unique abbreviation', () => {
    expect(resolveSku('E5', [e3, e5])).toEqual({ kind: 'found', sku: e5 });
  });

  it('asks which one when an abbreviation fits several SKUs', () => {
    const resolution = resolveSku('E5', tenantSkus);
    expect(resolution.kind).toBe('ambiguous');
    expect(resolution.kind === 'ambiguous' && resolution.candidates).toEqual([e5, o365e5]);
  });

  it('suggests the closest SKU for a typo', () => {
    expect(resolveSku('Powr BI Pro', tenantSkus)).toEqual({
      kind: 'unknown',
      suggestion: powerBiPro,
    });
  });

  it('suggests nothing for nonsense or blank text', () => {
    expect(resolveSku('banana smoothie', tenantSkus)).toEqual({ kind: 'unknown' });
    expect(resolveSku('  ', tenantSkus)).toEqual({ kind: 'unknown' });
  });

  it('does not match part numbers by prefix', () => {
    expect(resolveSku('SPE', tenantSkus).kind).toBe('ambiguous');
    expect(resolveSku('EXCHANGESTAN', [e3, exchangePlan1]).kind).toBe('unknown');
  });
});

describe('resolvePlan', () => {
  it('finds a plan by plan name or friendly name', () => {
    expect(resolvePlan('TEAMS1', e3)).toEqual({ kind: 'found', plan: plans.teams });
    expect(resolvePlan('Microsoft Teams', e3)).toEqual({ kind: 'found', plan: plans.teams });
    expect(resolvePlan('office for the web', e3)).toEqual({ kind: 'found', plan: plans.officeWeb });
  });

  it('finds a plan by a unique word of its name', () => {
    expect(resolvePlan('teams', e3)).toEqual({ kind: 'found', plan: plans.teams });
    expect(resolvePlan('sharepoint', e3)).toEqual({ kind: 'found', plan: plans.sharePoint });
    expect(resolvePlan('intune', e3)).toEqual({ kind: 'found', plan: plans.intune });
  });

  it('finds a plan by its id', () => {
    expect(resolvePlan(plans.skype.servicePlanId, e3)).toEqual({
      kind: 'found',
      plan: plans.skype,
    });
  });

  it('asks which one when a word fits several plans', () => {
    const resolution = resolvePlan('exchange', {
      servicePlans: [plans.exchangePlan2, plans.exchangeFoundation],
    });
    expect(resolution).toEqual({
      kind: 'ambiguous',
      candidates: [plans.exchangePlan2, plans.exchangeFoundation],
    });
  });

  it('suggests the closest plan for a typo, nothing for nonsense', () => {
    expect(resolvePlan('teams2', e3)).toEqual({ kind: 'unknown', suggestion: plans.teams });
    expect(resolvePlan('quantum toaster', e3)).toEqual({ kind: 'unknown' });
  });
});
