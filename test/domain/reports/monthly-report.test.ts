import { describe, expect, it } from 'vitest';
import { buildMonthlyReport } from '../../../src/domain/reports/monthly-report.ts';
import { priceBook } from '../../../src/domain/reports/price-at.ts';
import { reportMonthOf } from '../../../src/domain/reports/report-month.ts';
import { requestKind } from '../../../src/domain/reports/report-tally.ts';
import { group, line } from './support.ts';

const january = reportMonthOf(2026, 0, new Date('2026-02-10T00:00:00.000Z'));
const usd = (monthlyAmount: number) => ({ monthlyAmount, currency: 'USD' });
const skus = [
  { skuId: 'sku-e3', skuPartNumber: 'SPE_E3' },
  { skuId: 'sku-e5', skuPartNumber: 'SPE_E5' },
  { skuId: 'sku-bi', skuPartNumber: 'POWER_BI_PRO' },
];
const noPrices = priceBook([], []);

describe('the monthly report', () => {
  it('counts succeeded seat changes per SKU and prices them as the price stood', () => {
    const prices = priceBook(
      [{ skuId: 'sku-e3', at: '2026-01-15T00:00:00.000Z', before: usd(36), after: usd(39.9) }],
      [{ skuId: 'sku-e3', ...usd(39.9) }],
    );
    const report = buildMonthlyReport(
      january,
      [
        line({ at: '2026-01-20T00:00:00.000Z', operationId: 'op-3' }),
        line({ at: '2026-01-20T00:00:00.000Z', operationId: 'op-3', userId: 'u-lee' }),
        line({ at: '2026-01-10T00:00:00.000Z', operationId: 'op-2', change: 'removed' }),
      ],
      prices,
      skus,
    );
    expect(report.skus).toEqual([
      {
        skuId: 'sku-e3',
        name: 'Microsoft 365 E3',
        partNumber: 'SPE_E3',
        added: 2,
        removed: 1,
        net: 1,
        plansChanged: 0,
        groupAdded: 0,
        groupRemoved: 0,
        groupPlansChanged: 0,
        // 2 × 39.90 − 36.00, exact.
        costs: [{ currency: 'USD', amount: 43.8 }],
        pricing: 'atChange',
      },
    ]);
    expect(report.totals).toMatchObject({
      added: 2,
      removed: 1,
      net: 1,
      costs: report.skus[0]!.costs,
    });
    expect(report.usersChanged).toBe(2);
    expect(report.requests).toEqual({
      total: 2,
      byKind: [
        { kind: 'assign', count: 1 },
        { kind: 'remove', count: 1 },
      ],
    });
    expect(report.pricing).toBe('atChange');
    expect(report.unpriced).toEqual([]);
  });

  it('leaves out what is outside the month, failed, refused or changed nothing', () => {
    const report = buildMonthlyReport(
      january,
      [
        line({ at: '2025-12-31T23:59:59.999Z' }),
        line({ at: '2026-02-01T00:00:00.000Z' }),
        line({ result: 'failed' }),
        line({ result: 'failed', change: 'removed' }),
        line({ result: 'skipped', change: 'rejected', skuId: undefined }),
        // A refusal never succeeds; were one written so, it still changed nothing.
        line({ result: 'succeeded', change: 'refused' }),
      ],
      noPrices,
      skus,
    );
    expect(report.skus).toEqual([]);
    expect(report.requests).toEqual({ total: 0, byKind: [] });
    expect(report.usersChanged).toBe(0);
    expect(report.failed).toBe(2);
    expect(report.pricing).toBe('none');
    expect(report.totals.costs).toEqual([]);
  });

  it('counts plan changes, usage locations and group license changes apart from seats', () => {
    const report = buildMonthlyReport(
      january,
      [
        line({ operationId: 'op-plans', change: 'plansChanged' }),
        line({ operationId: 'op-where', change: 'usageLocationSet', skuId: undefined }),
        line({ operationId: 'op-fix', change: 'reprocessed', skuId: undefined, userId: 'u-lee' }),
        ...(['added', 'removed', 'plansChanged'] as const).map((change) =>
          line({ operationId: `op-group-${change}`, change, group, userId: group.id }),
        ),
      ],
      priceBook([], [{ skuId: 'sku-e3', ...usd(36) }]),
      skus,
    );
    expect(report.skus).toEqual([
      expect.objectContaining({
        added: 0,
        removed: 0,
        plansChanged: 1,
        groupAdded: 1,
        groupRemoved: 1,
        groupPlansChanged: 1,
        costs: [],
        pricing: 'noSeatChange',
      }),
    ]);
    expect(report.usersChanged).toBe(2);
    expect(report.groupsChanged).toBe(1);
    expect(report.requests.byKind).toEqual([
      { kind: 'plans', count: 1 },
      { kind: 'usageLocation', count: 1 },
      { kind: 'reprocess', count: 1 },
      { kind: 'groupLicense', count: 3 },
    ]);
    expect(report.pricing).toBe('none');
  });

  it('lists a SKU without a price as "no price set", never as 0, and keeps currencies apart', () => {
    const prices = priceBook(
      [
        {
          skuId: 'sku-e5',
          at: '2026-01-15T00:00:00.000Z',
          before: usd(57),
          after: { monthlyAmount: 52, currency: 'EUR' },
        },
      ],
      [
        { skuId: 'sku-e5', monthlyAmount: 52, currency: 'EUR' },
        { skuId: 'sku-e3', ...usd(36) },
      ],
    );
    const report = buildMonthlyReport(
      january,
      [
        line({ skuId: 'sku-bi', operationId: 'op-a' }),
        line({ skuId: 'sku-e5', at: '2026-01-02T00:00:00.000Z', operationId: 'op-b' }),
        line({
          skuId: 'sku-e5',
          at: '2026-01-20T00:00:00.000Z',
          operationId: 'op-b',
          change: 'removed',
        }),
        line({
          skuId: 'sku-e5',
          at: '2026-01-21T00:00:00.000Z',
          operationId: 'op-c',
          change: 'removed',
        }),
        line({ skuId: 'sku-e3', operationId: 'op-d' }),
        line({ skuId: 'sku-gone', operationId: 'op-d' }),
      ],
      prices,
      skus,
    );
    const byPart = Object.fromEntries(report.skus.map((sku) => [sku.partNumber || sku.skuId, sku]));
    expect(byPart.POWER_BI_PRO).toMatchObject({ added: 1, costs: [], pricing: 'noPrice' });
    expect(byPart['sku-gone']).toMatchObject({
      name: 'sku-gone',
      partNumber: '',
      pricing: 'noPrice',
    });
    expect(byPart.SPE_E5).toMatchObject({
      net: -1,
      costs: [
        { currency: 'EUR', amount: -104 },
        { currency: 'USD', amount: 57 },
      ],
      pricing: 'atChange',
    });
    expect(byPart.SPE_E3).toMatchObject({
      costs: [{ currency: 'USD', amount: 36 }],
      pricing: 'current',
    });
    expect(report.totals.costs).toEqual([
      { currency: 'EUR', amount: -104 },
      { currency: 'USD', amount: 93 },
    ]);
    expect(report.unpriced).toEqual(['Power BI Pro', 'sku-gone']);
    expect(report.pricing).toBe('mixed');
    // op-b added a seat and removed one: a transfer, as its lines tell.
    expect(report.requests.byKind).toEqual([
      { kind: 'assign', count: 2 },
      { kind: 'remove', count: 1 },
      { kind: 'transfer', count: 1 },
    ]);
  });

  it('says a SKU priced partly from the history and partly today is mixed', () => {
    const prices = priceBook(
      [{ skuId: 'sku-e3', at: '2026-01-15T00:00:00.000Z', before: null, after: usd(40) }],
      [{ skuId: 'sku-e3', ...usd(40) }],
    );
    const report = buildMonthlyReport(
      january,
      [line({ at: '2026-01-05T00:00:00.000Z' }), line({ at: '2026-01-25T00:00:00.000Z' })],
      prices,
      skus,
    );
    expect(report.skus[0]).toMatchObject({
      pricing: 'mixed',
      costs: [{ currency: 'USD', amount: 80 }],
    });
    expect(report.pricing).toBe('mixed');
  });

  it('orders SKUs by name, then by id when two share a name', () => {
    const report = buildMonthlyReport(
      january,
      [line({ skuId: 'sku-b' }), line({ skuId: 'sku-a' }), line({ skuId: 'sku-e3' })],
      noPrices,
      [
        { skuId: 'sku-b', skuPartNumber: 'SPE_E5' },
        { skuId: 'sku-a', skuPartNumber: 'SPE_E5' },
        ...skus,
      ],
    );
    expect(report.skus.map((sku) => sku.skuId)).toEqual(['sku-e3', 'sku-a', 'sku-b']);
  });
});

describe('a request kind, from what its lines changed', () => {
  it('reads each kind', () => {
    expect(requestKind(new Set(['added', 'group']))).toBe('groupLicense');
    expect(requestKind(new Set(['reprocessed']))).toBe('reprocess');
    expect(requestKind(new Set(['added', 'removed']))).toBe('transfer');
    expect(requestKind(new Set(['added', 'usageLocationSet']))).toBe('assign');
    expect(requestKind(new Set(['removed']))).toBe('remove');
    expect(requestKind(new Set(['plansChanged']))).toBe('plans');
    expect(requestKind(new Set(['usageLocationSet']))).toBe('usageLocation');
  });
});
