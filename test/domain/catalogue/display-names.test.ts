import { describe, expect, it } from 'vitest';
import { planDisplayName, skuDisplayName } from '../../../src/domain/catalogue/display-names.ts';

describe('skuDisplayName', () => {
  it("names products as Microsoft's licensing table does", () => {
    expect(skuDisplayName('SPE_E3')).toBe('Microsoft 365 E3');
    expect(skuDisplayName('ENTERPRISEPACK')).toBe('Office 365 E3');
    expect(skuDisplayName('EXCHANGESTANDARD')).toBe('Exchange Online (Plan 1)');
    expect(skuDisplayName('SPE_F1')).toBe('Microsoft 365 F3');
    expect(skuDisplayName('PROJECTPROFESSIONAL')).toBe('Planner and Project Plan 3');
    expect(skuDisplayName('SPB')).toBe('Microsoft 365 Business Premium');
  });

  it('names products beyond the common ones', () => {
    expect(skuDisplayName('VIVA')).toBe('Microsoft Viva Suite');
    expect(skuDisplayName('DEFENDER_ENDPOINT_P1')).toBe('Microsoft Defender for Endpoint P1');
  });

  it('accepts a SKU and ignores the case and stray spaces of the part number', () => {
    expect(skuDisplayName({ skuPartNumber: 'Microsoft_365_Copilot' })).toBe(
      'Microsoft Copilot for Microsoft 365',
    );
    expect(skuDisplayName(' spe_e5 ')).toBe('Microsoft 365 E5');
  });

  it('falls back to the part number for a product it does not know', () => {
    expect(skuDisplayName('CONTOSO_SPECIAL')).toBe('CONTOSO_SPECIAL');
    expect(skuDisplayName({ skuPartNumber: 'CONTOSO_SPECIAL' })).toBe('CONTOSO_SPECIAL');
  });
});

describe('planDisplayName', () => {
  it("names service plans as Microsoft's licensing table does", () => {
    expect(planDisplayName('EXCHANGE_S_ENTERPRISE')).toBe('Exchange Online (Plan 2)');
    expect(planDisplayName('TEAMS1')).toBe('Microsoft Teams');
    expect(planDisplayName({ servicePlanName: 'SHAREPOINTWAC' })).toBe('Office for the Web');
    expect(planDisplayName('WINDEFATP')).toBe('Microsoft Defender for Endpoint');
  });

  it('falls back to the plan name for a plan it does not know', () => {
    expect(planDisplayName('CONTOSO_PLAN')).toBe('CONTOSO_PLAN');
  });
});
