import { describe, expect, it } from 'vitest';
import { importPrices } from '../../../src/app/prices/import-prices.ts';
import { ALEX, changesOf, MEGAN, pricePorts } from './support.ts';

describe('importing a price CSV', () => {
  it('reads a BOM, any header case, quotes and blank lines, and saves each row', async () => {
    const ports = pricePorts();
    const csv =
      '\ufeffskupartnumber,MONTHLYPRICE,Currency\r\n\r\n"SPE_E5","57.00",USD\r\nSPE_E3,36,eur\r\n';
    const imported = await importPrices(ports, MEGAN, csv);
    expect(imported.ok && imported.value.saved.map((saved) => saved.row.line)).toEqual([3, 4]);
    expect(imported.ok && imported.value.problems).toEqual([]);
    const listed = await ports.prices.list('t1');
    expect(listed.map((price) => [price.monthlyAmount, price.currency]).sort()).toEqual([
      [36, 'EUR'],
      [57, 'USD'],
    ]);
    expect((await changesOf(ports.priceHistory)).map((change) => change.via)).toEqual([
      'csv',
      'csv',
    ]);
  });

  it('reads cells pasted from a spreadsheet (tabs) and semicolons', async () => {
    const ports = pricePorts();
    const tabs = await importPrices(
      ports,
      MEGAN,
      'SkuPartNumber\tMonthlyPrice\tCurrency\nSPE_E5\t57\tUSD',
    );
    const semicolons = await importPrices(
      ports,
      MEGAN,
      'SkuPartNumber;MonthlyPrice;Currency\nSPE_E3;36;USD',
    );
    expect(tabs.ok && tabs.value.saved).toHaveLength(1);
    expect(semicolons.ok && semicolons.value.saved).toHaveLength(1);
  });

  it('saves the good rows, reports every bad one by line, and says what was unchanged', async () => {
    const ports = pricePorts();
    await importPrices(ports, MEGAN, 'SkuPartNumber,MonthlyPrice,Currency\nSPE_E3,36,USD');
    const imported = await importPrices(
      ports,
      MEGAN,
      [
        'SkuPartNumber,MonthlyPrice,Currency',
        'SPE_E3,36,USD',
        'SPE_E5,57.123,USD',
        'POWER_BI_PRO,14,USD',
        'NOPE,1,USD',
        'SPE_F1,8,XYZ',
      ].join('\n'),
    );
    expect(imported.ok).toBe(true);
    const report = imported.ok ? imported.value : undefined;
    expect(report?.saved.map((saved) => saved.row.sku.skuPartNumber)).toEqual(['POWER_BI_PRO']);
    expect(report?.unchanged.map((same) => same.row.line)).toEqual([2]);
    expect(report?.problems.map((problem) => problem.line)).toEqual([3, 5, 6]);
    expect(report?.problems[0]?.reason).toContain('more than 2 decimals');
  });

  it('refuses a CSV it cannot read, saying where, and saves nothing', async () => {
    const ports = pricePorts();
    const unclosed = await importPrices(
      ports,
      MEGAN,
      'SkuPartNumber,MonthlyPrice,Currency\nSPE_E5,57,USD\n"SPE_E3,36,USD\n',
    );
    expect(unclosed).toMatchObject({ ok: false, failure: { code: 'PRICE_CSV_UNREADABLE' } });
    expect(!unclosed.ok && unclosed.failure.message).toMatch(/line \d+.*never closed/);
    const stray = await importPrices(
      ports,
      MEGAN,
      'SkuPartNumber,MonthlyPrice,Currency\nSPE"E5,57,USD',
    );
    expect(!stray.ok && stray.failure.message).toContain('in the middle of a field');
    const header = await importPrices(ports, MEGAN, 'SPE_E5,57,USD');
    expect(header).toMatchObject({ ok: false, failure: { code: 'PRICE_CSV_HEADER' } });
    expect(await ports.prices.list('t1')).toEqual([]);
  });

  it('refuses a requester before reading anything', async () => {
    const imported = await importPrices(pricePorts(), ALEX, 'SkuPartNumber,MonthlyPrice,Currency');
    expect(imported).toMatchObject({ ok: false, failure: { code: 'PRICE_NOT_ALLOWED' } });
  });
});
