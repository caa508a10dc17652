import { describe, expect, it } from 'vitest';
import {
  MAX_PRICE_ROWS,
  readPriceSheet,
  type SheetRecord,
} from '../../../src/domain/prices/price-sheet.ts';
import { e3, e5, exchangePlan1 } from '../fixtures/tenant.ts';

const skus = [e3, e5, exchangePlan1];

/** Records as the CSV reader gives them: line 1 the header, then one line per row. */
const sheet = (...lines: string[]): SheetRecord[] =>
  lines.map((line, index) => ({ line: index + 1, fields: line === '' ? [] : line.split(',') }));

const problemsOf = (records: SheetRecord[]) => {
  const read = readPriceSheet(records, skus);
  if (!read.ok) {
    throw new Error(read.failure.message);
  }
  return read.value.problems;
};

describe('a price CSV', () => {
  it('gives back every good row with its SKU, amount and currency', () => {
    const read = readPriceSheet(
      sheet('SkuPartNumber,MonthlyPrice,Currency', 'SPE_E5,57,USD', 'spe_e3, 36.00 ,eur'),
      skus,
    );
    expect(read).toEqual({
      ok: true,
      value: {
        rows: [
          { line: 2, sku: e5, monthlyAmount: 57, currency: 'USD' },
          { line: 3, sku: e3, monthlyAmount: 36, currency: 'EUR' },
        ],
        problems: [],
      },
    });
  });

  it('reads the header in any case and column order, other columns ignored', () => {
    const read = readPriceSheet(
      sheet('currency,Notes,MONTHLYPRICE,skupartnumber', 'USD,list price,4,EXCHANGESTANDARD'),
      skus,
    );
    expect(read.ok && read.value.rows).toEqual([
      { line: 2, sku: exchangePlan1, monthlyAmount: 4, currency: 'USD' },
    ]);
  });

  it('reads a row shorter than the header as missing its last columns', () => {
    expect(problemsOf(sheet('MonthlyPrice,Currency,SkuPartNumber', '5,USD'))).toEqual([
      { line: 2, reason: 'It has no SkuPartNumber.' },
    ]);
  });

  it('reports every bad row by line with all its reasons, and keeps the good ones', () => {
    const records = sheet(
      'SkuPartNumber,MonthlyPrice,Currency',
      'SPE_E5,57,USD',
      'SPE_E55,57,USD',
      'SPE_E3,-1,US$',
      ',10,USD',
      'EXCHANGESTANDARD',
      'NOTHING_LIKE_IT,1,USD',
    );
    const read = readPriceSheet(records, skus);
    expect(read.ok && read.value.rows.map((row) => row.line)).toEqual([2]);
    expect(problemsOf(records)).toEqual([
      {
        line: 3,
        reason: '"SPE_E55" is not a license of this tenant (did you mean SPE_E5?).',
      },
      {
        line: 4,
        reason:
          '"-1" is negative: a price is 0 or more. "US$" is not a currency code: use the 3-letter ISO 4217 code, e.g. USD or EUR.',
      },
      { line: 5, reason: 'It has no SkuPartNumber.' },
      {
        line: 6,
        reason:
          'Give the monthly price per user, e.g. 36.00. Give the currency as its 3-letter code, e.g. USD or EUR.',
      },
      { line: 7, reason: '"NOTHING_LIKE_IT" is not a license of this tenant.' },
    ]);
  });

  it('refuses a license given twice on every line it is on, whatever the case', () => {
    const problems = problemsOf(
      sheet(
        'SkuPartNumber,MonthlyPrice,Currency',
        'SPE_E5,57,USD',
        'SPE_E3,36,USD',
        'spe_e5,60,USD',
      ),
    );
    expect(problems).toEqual([
      { line: 2, reason: 'SPE_E5 is on lines 2, 4: give each license once.' },
      { line: 4, reason: 'spe_e5 is on lines 2, 4: give each license once.' },
    ]);
  });

  it.each([
    [[], 'PRICE_CSV_EMPTY', 'The CSV is empty'],
    [sheet('SkuPartNumber,MonthlyPrice,Currency'), 'PRICE_CSV_EMPTY', 'header but no prices'],
    [
      sheet('SPE_E5,57,USD'),
      'PRICE_CSV_HEADER',
      'line 1 has no SkuPartNumber or MonthlyPrice or Currency column',
    ],
    [sheet('SkuPartNumber,Price,Currency', 'SPE_E5,57,USD'), 'PRICE_CSV_HEADER', 'no MonthlyPrice'],
    [
      sheet(
        'SkuPartNumber,MonthlyPrice,Currency',
        ...Array.from({ length: MAX_PRICE_ROWS + 1 }, () => 'SPE_E5,57,USD'),
      ),
      'PRICE_CSV_TOO_LONG',
      `at most ${MAX_PRICE_ROWS}`,
    ],
  ])('refuses the whole CSV when it cannot be read as prices (%#)', (records, code, message) => {
    const read = readPriceSheet(records, skus);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.failure.code).toBe(code);
    expect(!read.ok && read.failure.message).toContain(message);
  });
});
