import { describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../../src/domain/reports/monthly-report.ts';
import { priceBook } from '../../../src/domain/reports/price-at.ts';
import { reportCsv, reportCsvRows } from '../../../src/domain/reports/report-csv.ts';
import { reportMonthOf } from '../../../src/domain/reports/report-month.ts';
import {
  groupSeatsNote,
  reportPricingWords,
  requestKindWords,
  skuPricingWords,
} from '../../../src/domain/reports/report-words.ts';
import { group, line } from './support.ts';

const january = reportMonthOf(2026, 0, new Date('2026-02-10T00:00:00.000Z'));
const skus = [
  { skuId: 'sku-e3', skuPartNumber: 'SPE_E3' },
  { skuId: 'sku-bi', skuPartNumber: 'POWER_BI_PRO' },
  { skuId: 'sku-evil', skuPartNumber: '=HYPERLINK("x","y")' },
];

describe('the monthly report as CSV', () => {
  it('has a row per SKU, one per extra currency, then the totals; figures stay numbers', () => {
    const prices = priceBook(
      [
        {
          skuId: 'sku-e3',
          at: '2026-01-15T00:00:00.000Z',
          before: { monthlyAmount: 36, currency: 'USD' },
          after: { monthlyAmount: 33.9, currency: 'EUR' },
        },
      ],
      [{ skuId: 'sku-e3', monthlyAmount: 33.9, currency: 'EUR' }],
    );
    const report = buildMonthlyReport(
      january,
      [
        line({ at: '2026-01-05T00:00:00.000Z', change: 'removed' }),
        line({ at: '2026-01-20T00:00:00.000Z' }),
        line({ skuId: 'sku-bi' }),
        line({ skuId: 'sku-evil', change: 'plansChanged' }),
        line({ skuId: 'sku-bi', group, userId: group.id }),
      ],
      prices,
      skus,
    );
    expect(reportCsvRows(report)).toEqual([
      [
        'Month',
        'SKU',
        'Part number',
        'Seats added',
        'Seats removed',
        'Net seats',
        'Plan changes',
        'Group licenses added',
        'Group licenses removed',
        'Group plan changes',
        'Cost change',
        'Currency',
        'Priced at',
      ],
      [
        '2026-01',
        '=HYPERLINK("x","y")',
        '=HYPERLINK("x","y")',
        '0',
        '0',
        '0',
        '1',
        '0',
        '0',
        '0',
        '',
        '',
        '',
      ],
      [
        '2026-01',
        'Microsoft 365 E3',
        'SPE_E3',
        '1',
        '1',
        '0',
        '0',
        '0',
        '0',
        '0',
        '33.90',
        'EUR',
        'price at the change',
      ],
      [
        '2026-01',
        'Microsoft 365 E3',
        'SPE_E3',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '-36.00',
        'USD',
        'price at the change',
      ],
      [
        '2026-01',
        'Power BI Pro',
        'POWER_BI_PRO',
        '1',
        '0',
        '1',
        '0',
        '1',
        '0',
        '0',
        'no price set',
        '',
        'no price set',
      ],
      ['2026-01', 'Total', '', '2', '1', '1', '1', '1', '0', '0', '33.90', 'EUR', ''],
      ['2026-01', 'Total', '', '', '', '', '', '', '', '', '-36.00', 'USD', ''],
    ]);
    const csv = reportCsv(report);
    expect(csv.split('\r\n')[1]).toBe(
      `2026-01,"'=HYPERLINK(""x"",""y"")","'=HYPERLINK(""x"",""y"")",0,0,0,1,0,0,0,,,`,
    );
    expect(csv).toContain(
      '\r\n2026-01,Microsoft 365 E3,SPE_E3,,,,,,,,-36.00,USD,price at the change\r\n',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('is the header and a total of zeros for a month without changes', () => {
    const report = buildMonthlyReport(january, [], priceBook([], []), skus);
    expect(reportCsv(report)).toBe(
      `${reportCsvRows(report)[0]!.join(',')}\r\n2026-01,Total,,0,0,0,0,0,0,0,,,\r\n`,
    );
  });

  it('has words for every kind and pricing', () => {
    expect(Object.values(requestKindWords).every((words) => words.length > 0)).toBe(true);
    expect(skuPricingWords.mixed).toContain('today');
    expect(reportPricingWords.current).toContain("today's");
    expect(groupSeatsNote).toContain('Entra');
  });
});
