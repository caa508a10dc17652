import { describe, expect, it } from 'vitest';
import { resolvePlanList, skusWithPlan } from '../../../src/domain/catalogue/resolve-plan-list.ts';
import { resolveSku } from '../../../src/domain/catalogue/resolve-sku.ts';
import { e3, exchangePlan1, f3, plans, powerBiPro } from '../fixtures/tenant.ts';

describe('resolvePlanList', () => {
  it('finds every plan word in the SKU, once each', () => {
    expect(resolvePlanList(['Teams', 'sharepoint', 'TEAMS1'], e3)).toEqual({
      ok: true,
      planIds: [plans.teams.servicePlanId, plans.sharePoint.servicePlanId],
    });
  });

  it('stops at the first word it cannot place, with a suggestion', () => {
    expect(resolvePlanList(['Teams', 'Intnue', 'Sway'], e3)).toEqual({
      ok: false,
      word: 'Intnue',
      resolution: { kind: 'unknown', suggestion: plans.intune },
    });
  });
});

describe('skusWithPlan', () => {
  it('lists the SKUs where a plan word applies', () => {
    expect(skusWithPlan('Teams', [e3, exchangePlan1, f3, powerBiPro])).toEqual([e3, f3]);
  });
});

describe('duplicate part numbers', () => {
  it('asks which one when two SKUs share a part number (introductory offers do)', () => {
    const intro = { ...e3, skuId: 'intro-e3' };
    expect(resolveSku('SPE_E3', [e3, intro])).toEqual({
      kind: 'ambiguous',
      candidates: [e3, intro],
    });
  });
});
