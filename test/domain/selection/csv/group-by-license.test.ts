import { describe, expect, it } from 'vitest';
import { groupByLicense } from '../../../../src/domain/selection/csv/group-by-license.ts';

const row = (line: number, skuId: string, ...disabledPlanIds: string[]) => ({
  line,
  skuId,
  disabledPlanIds,
});

describe('grouping rows by license', () => {
  it('puts rows with the same SKU and the same plans disabled (in any order or case) together', () => {
    const rows = [
      row(2, 'e5', 'teams', 'sway'),
      row(3, 'e3'),
      row(4, 'E5', 'SWAY', 'teams'),
      row(5, 'e5', 'teams'),
      row(6, 'e3'),
    ];
    expect(groupByLicense(rows)).toEqual([
      { skuId: 'e5', disabledPlanIds: ['sway', 'teams'], rows: [rows[0], rows[2]] },
      { skuId: 'e3', disabledPlanIds: [], rows: [rows[1], rows[4]] },
      { skuId: 'e5', disabledPlanIds: ['teams'], rows: [rows[3]] },
    ]);
  });

  it('makes no group of no rows', () => {
    expect(groupByLicense([])).toEqual([]);
  });
});
