import type { Result } from '../../domain/errors.ts';
import type { HistoryEvent } from '../../domain/history/history-event.ts';
import { finishReport, type MonthlyReport } from '../../domain/reports/monthly-report.ts';
import { priceBook, type PriceBook, type PricePoint } from '../../domain/reports/price-at.ts';
import {
  parseReportMonth,
  type ReportMonth,
  type ReportMonthProblem,
} from '../../domain/reports/report-month.ts';
import { newTally, tallyEvent } from '../../domain/reports/report-tally.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { HistoryLog } from '../ports/history-log.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { PriceHistory } from '../ports/price-history.ts';
import type { PriceStore } from '../ports/stores.ts';

/** What a monthly report reads: the history, the price table and its changes, the SKUs. */
export interface ReportDependencies {
  history: Pick<HistoryLog, 'query'>;
  prices: Pick<PriceStore, 'list'>;
  priceHistory: Pick<PriceHistory, 'list'>;
  directory: PerTenant<Pick<Directory, 'listSkus'>>;
  clock: Pick<Clock, 'now'>;
}

// Large pages keep a month of 100,000 lines to a couple of hundred Cosmos queries.
const HISTORY_PAGE_SIZE = 500;
const PRICE_PAGE_SIZE = 100;

/** Every price change of the tenant: a few per SKU, so read whole. */
async function readPriceBook(deps: ReportDependencies, tenantId: string): Promise<PriceBook> {
  const changes: PricePoint[] = [];
  let token: string | undefined;
  do {
    const page = await deps.priceHistory.list(tenantId, {
      pageSize: PRICE_PAGE_SIZE,
      ...(token ? { continuationToken: token } : {}),
    });
    changes.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return priceBook(changes, await deps.prices.list(tenantId));
}

/** Each page of the month's history, newest first; only the page in hand is held. */
async function* monthPages(
  deps: ReportDependencies,
  tenantId: string,
  month: ReportMonth,
): AsyncGenerator<HistoryEvent[]> {
  let token: string | undefined;
  do {
    const page = await deps.history.query(
      tenantId,
      { since: month.from, before: month.until },
      { pageSize: HISTORY_PAGE_SIZE, ...(token ? { continuationToken: token } : {}) },
    );
    yield page.items;
    token = page.continuationToken;
  } while (token !== undefined);
}

/**
 * The tenant's report for a month: its history read page by page into a tally (memory grows
 * with SKUs, requests and people changed, never with history lines), priced from the price
 * history. The tenant is a parameter, not the caller's: who may read it is the edge's to check.
 */
export async function buildReport(
  deps: ReportDependencies,
  tenantId: string,
  month: ReportMonth,
): Promise<MonthlyReport> {
  const [prices, skus] = await Promise.all([
    readPriceBook(deps, tenantId),
    deps.directory.forTenant(tenantId).listSkus(),
  ]);
  const tally = newTally(month);
  for await (const events of monthPages(deps, tenantId, month)) {
    for (const event of events) {
      tallyEvent(tally, event, prices);
    }
  }
  return finishReport(tally, skus);
}

/**
 * `monthlyReport(tenantId, month)`: the month as typed ("2026-01", "this month", nothing for
 * the last full month) read with the clock, then the report, or why the month is not one.
 */
export async function monthlyReport(
  deps: ReportDependencies,
  tenantId: string,
  typedMonth: string,
): Promise<Result<MonthlyReport, ReportMonthProblem>> {
  const month = parseReportMonth(typedMonth, deps.clock.now());
  return month.ok ? { ok: true, value: await buildReport(deps, tenantId, month.value) } : month;
}
