import { describe, expect, it } from 'vitest';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { HistoryLog } from '../../../src/app/ports/history-log.ts';
import { reportUseCases } from '../../../src/app/reports/report-use-cases.ts';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { MemoryHistoryLog } from '../../../src/store/memory/memory-history-log.ts';
import { MemoryPriceHistory } from '../../../src/store/memory/memory-price-history.ts';
import { MemoryPriceStore } from '../../../src/store/memory/memory-price-store.ts';
import { e3, e5, tenantSkus } from '../../domain/fixtures/tenant.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const megan = { userId: 'u-megan', displayName: 'Megan Bowen' };

function line(i: number, overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    id: `op-${i}:u-${i}:added:${e3.skuId}`,
    tenantId: 't1',
    operationId: `op-${i}`,
    at: new Date(Date.UTC(2026, 0, 1 + (i % 31), 9, 0, i % 60)).toISOString(),
    change: 'added',
    userId: `u-${i % 700}`,
    userPrincipalName: `user${i}@contoso.com`,
    skuId: e3.skuId,
    requester: megan,
    result: 'succeeded',
    ...overrides,
  };
}

/** The history log, counting the pages a report asks for and the most lines one held. */
class CountingHistory extends MemoryHistoryLog {
  pages = 0;
  largestPage = 0;
  override async query(...args: Parameters<HistoryLog['query']>) {
    const page = await super.query(...args);
    this.pages += 1;
    this.largestPage = Math.max(this.largestPage, page.items.length);
    return page;
  }
}

function world() {
  const history = new CountingHistory();
  const prices = new MemoryPriceStore();
  const priceHistory = new MemoryPriceHistory();
  const clock = { now: () => new Date('2026-02-03T08:00:00.000Z') };
  const reports = reportUseCases({
    history,
    prices,
    priceHistory,
    directory: sameForEveryTenant(new MemoryDirectory({ skus: tenantSkus })),
    clock,
  });
  return { history, prices, priceHistory, clock, reports };
}

describe('monthlyReport over the memory stores', () => {
  it('reads a month of lines page by page and prices them from the price history', async () => {
    const { history, prices, priceHistory, reports } = world();
    // 1,200 seats added in January, 200 removed; one line before and one after the month.
    await history.append([
      ...Array.from({ length: 1_200 }, (_, i) => line(i)),
      ...Array.from({ length: 200 }, (_, i) =>
        line(5_000 + i, { id: `rm-${i}`, change: 'removed' }),
      ),
      line(9_001, { id: 'december', at: '2025-12-31T23:00:00.000Z' }),
      line(9_002, { id: 'february', at: '2026-02-01T00:00:00.000Z' }),
      line(9_003, { id: 'other-tenant', tenantId: 't2' }),
    ]);
    await prices.save({
      tenantId: 't1',
      skuId: e3.skuId,
      monthlyAmount: 39,
      currency: 'USD',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await priceHistory.record({
      id: `price-change:${e3.skuId}:1`,
      tenantId: 't1',
      skuId: e3.skuId,
      skuPartNumber: e3.skuPartNumber,
      before: { monthlyAmount: 36, currency: 'USD' },
      after: { monthlyAmount: 39, currency: 'USD' },
      by: megan,
      via: 'chat',
      // Before the whole month: every January change is priced at 39.
      at: '2025-12-15T00:00:00.000Z',
    });

    const built = await reports.monthly('t1', '2026-01');
    expect(built.ok).toBe(true);
    const report = built.ok ? built.value : undefined;
    expect(report?.month).toMatchObject({ month: '2026-01', partial: false });
    expect(report?.skus).toEqual([
      expect.objectContaining({
        skuId: e3.skuId,
        name: 'Microsoft 365 E3',
        added: 1_200,
        removed: 200,
        net: 1_000,
        costs: [{ currency: 'USD', amount: 39_000 }],
        pricing: 'atChange',
      }),
    ]);
    expect(report?.requests.total).toBe(1_400);
    expect(report?.usersChanged).toBe(700);
    // Pages of 500, never the month at once.
    expect(history.largestPage).toBe(500);
    expect(history.pages).toBe(3);
  });

  it('defaults to the last full month and refuses a bad one with an example', async () => {
    const { history, reports } = world();
    await history.append([
      line(1, { skuId: e5.skuId, id: 'e5', change: 'removed' }),
      line(2, { id: 'feb', at: '2026-02-02T00:00:00.000Z' }),
    ]);
    const last = await reports.monthly('t1', '');
    expect(last.ok && last.value.skus.map((sku) => [sku.name, sku.net, sku.pricing])).toEqual([
      ['Microsoft 365 E5', -1, 'noPrice'],
    ]);
    const soFar = await reports.monthly('t1', 'this month');
    expect(soFar.ok && soFar.value.month.partial).toBe(true);
    expect(soFar.ok && soFar.value.totals.added).toBe(1);
    expect(await reports.monthly('t1', '2026-1')).toMatchObject({
      ok: false,
      failure: { code: 'MONTH_INVALID', example: 'report 2026-01' },
    });
  });

  it('exports the report as CSV with its file name', async () => {
    const { history, reports } = world();
    await history.append([line(1)]);
    const file = await reports.export('t1', 'this month');
    expect(file.ok && file.value.fileName).toBe('license-report-2026-02-so-far.csv');
    const january = await reports.export('t1', '2026-01');
    expect(january.ok && january.value.fileName).toBe('license-report-2026-01.csv');
    expect(january.ok && january.value.csv.split('\r\n')[1]).toBe(
      '2026-01,Microsoft 365 E3,SPE_E3,1,0,1,0,0,0,0,no price set,,no price set',
    );
    expect(await reports.export('t1', 'soon')).toMatchObject({ ok: false });
  });
});
