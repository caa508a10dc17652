import { describe, expect, it } from 'vitest';
import { resolveRowLicenses } from '../../../../src/domain/selection/csv/resolve-row-licenses.ts';
import type { SelectionRow } from '../../../../src/domain/selection/csv/selection-sheet.ts';
import { e3, e5, exchangePlan1, plans, projectPlan3, tenantSkus } from '../../fixtures/tenant.ts';

let lines = 1;
/** A row of the file, on the next line: `row('E5', 'Teams')`. */
const row = (license?: string, ...disabledPlans: string[]): SelectionRow => {
  lines += 1;
  return {
    line: lines,
    user: { kind: 'upn', value: `user${lines}@contoso.com` },
    ...(license === undefined ? {} : { license }),
    disabledPlans,
  };
};

describe("resolving a file's licenses", () => {
  it('finds each row its SKU and the plans to disable, by part number, name or id', () => {
    const rows = [
      row('SPE_E5', 'Teams', 'TEAMS1', 'sharepoint'),
      row('Microsoft 365 E3'),
      row(exchangePlan1.skuId),
    ];
    expect(resolveRowLicenses(rows, tenantSkus)).toEqual({
      rows: [
        {
          ...rows[0],
          skuId: e5.skuId,
          disabledPlanIds: [plans.teams.servicePlanId, plans.sharePoint.servicePlanId],
        },
        { ...rows[1], skuId: e3.skuId, disabledPlanIds: [] },
        { ...rows[2], skuId: exchangePlan1.skuId, disabledPlanIds: [] },
      ],
      problems: [],
    });
  });

  it("gives rows without a license the message's, and keeps a row's own", () => {
    const rows = [row(undefined, 'Teams'), row('SPE_E3'), row()];
    const resolved = resolveRowLicenses(rows, tenantSkus, ' SPE_E5 ');
    expect(resolved.rows.map((one) => [one.line, one.skuId, one.disabledPlanIds])).toEqual([
      [rows[0]!.line, e5.skuId, [plans.teams.servicePlanId]],
      [rows[1]!.line, e3.skuId, []],
      [rows[2]!.line, e5.skuId, []],
    ]);
  });

  it.each([
    ['no license in the message', undefined],
    ['a blank license in the message', '  '],
  ])('reports a row without a license as malformed when there is %s', (_, word) => {
    const alone = row();
    expect(resolveRowLicenses([alone, row('SPE_E3')], tenantSkus, word)).toMatchObject({
      rows: [{ skuId: e3.skuId }],
      problems: [
        {
          line: alone.line,
          reason: 'malformed',
          message:
            'No license on this row and none in the message: add a LicenseSKU column, or name the license (`assign E5 from this file`).',
        },
      ],
    });
  });

  it.each([
    ['SPE_E6', 'unknown SKU', '"SPE_E6" is not a license of this tenant (did you mean SPE_E3?).'],
    ['E7', 'unknown SKU', '"E7" is not a license of this tenant.'],
    ['E3', 'unknown SKU', '"E3" could be SPE_E3 or ENTERPRISEPACK: give the part number.'],
  ])('reports the license word %s as %s', (word, reason, message) => {
    const bad = row(word);
    expect(resolveRowLicenses([bad], tenantSkus).problems).toEqual([
      { line: bad.line, reason, message },
    ]);
  });

  it.each([
    [
      e3,
      'Intnue',
      'unknown plan',
      '"Intnue" is not a service plan of SPE_E3 (did you mean INTUNE_A?).',
    ],
    [e3, 'Sway', 'unknown plan', '"Sway" is not a service plan of SPE_E3.'],
    [
      projectPlan3,
      'project',
      'unknown plan',
      '"project" could be PROJECT_PROFESSIONAL or PROJECT_CLIENT_SUBSCRIPTION in PROJECTPROFESSIONAL: give the plan name.',
    ],
    [
      exchangePlan1,
      'Teams',
      'plan not in SKU',
      '"Teams" is not a plan of EXCHANGESTANDARD: only its own plans can be disabled.',
    ],
  ])('in %s, reports the plan word %s as %s', (sku, word, reason, message) => {
    const bad = row(sku.skuPartNumber, 'Exchange', word);
    expect(resolveRowLicenses([bad], tenantSkus).problems).toEqual([
      { line: bad.line, reason, message },
    ]);
  });

  it('resolves a word once for every row that repeats it, whatever its case', () => {
    const rows = [row('spe_e3', 'Teams'), row('SPE_E3', 'teams'), row('E7'), row('e7')];
    const resolved = resolveRowLicenses(rows, tenantSkus);
    expect(resolved.rows.map((one) => one.disabledPlanIds)).toEqual([
      [plans.teams.servicePlanId],
      [plans.teams.servicePlanId],
    ]);
    expect(resolved.problems.map((problem) => problem.message)).toEqual([
      '"E7" is not a license of this tenant.',
      '"e7" is not a license of this tenant.',
    ]);
  });
});
