import { skuDisplayName } from '../catalogue/display-names.ts';
import type { HistoryEvent } from '../history/history-event.ts';
import type { Sku } from '../licensing.ts';
import type { PriceBasis, PriceBook } from './price-at.ts';
import type { ReportMonth } from './report-month.ts';
import {
  newTally,
  requestKind,
  tallyEvent,
  type ReportTally,
  type RequestKind,
  type SkuTally,
} from './report-tally.ts';

/** A cost change in one currency (never added up across currencies). */
export interface CostLine {
  currency: string;
  amount: number;
}

/**
 * How a SKU's cost change was priced: at each change from the price history, at today's price,
 * both, not at all ("no price set": never counted as 0), or nothing to price (no seat changed).
 */
export type SkuPricing = PriceBasis | 'mixed' | 'noPrice' | 'noSeatChange';

/** One SKU's line: direct seats added and removed, plan changes, group changes, cost change. */
export interface SkuLine {
  skuId: string;
  name: string;
  /** Empty when the tenant no longer has the SKU. */
  partNumber: string;
  added: number;
  removed: number;
  /** added − removed */
  net: number;
  plansChanged: number;
  /** Changes to a group's licenses: seats follow its members through Entra, not counted here. */
  groupAdded: number;
  groupRemoved: number;
  groupPlansChanged: number;
  costs: CostLine[];
  pricing: SkuPricing;
}

export type ReportTotals = Omit<SkuLine, 'skuId' | 'name' | 'partNumber' | 'pricing'>;

/** A tenant's license changes in one calendar month, for billing reconciliation. */
export interface MonthlyReport {
  month: ReportMonth;
  /** Requests that changed something, by what they did. */
  requests: { total: number; byKind: { kind: RequestKind; count: number }[] };
  /** Distinct users whose licenses (or usage location) changed directly. */
  usersChanged: number;
  /** Distinct groups whose licenses changed. */
  groupsChanged: number;
  /** By product name. */
  skus: SkuLine[];
  totals: ReportTotals;
  /** Names of the SKUs whose seat changes had no price. */
  unpriced: string[];
  /** How the report's costs were priced, all SKUs together; 'none' when nothing was priced. */
  pricing: PriceBasis | 'mixed' | 'none';
  /** License changes that failed in the month: not counted. */
  failed: number;
}

const kindOrder: readonly RequestKind[] = [
  'assign',
  'remove',
  'transfer',
  'plans',
  'usageLocation',
  'reprocess',
  'groupLicense',
];

function pricingOf(sku: SkuTally): SkuPricing {
  if (sku.added + sku.removed === 0) {
    return 'noSeatChange';
  }
  if (sku.unpriced > 0) {
    return 'noPrice';
  }
  if (sku.atChange > 0) {
    return sku.current > 0 ? 'mixed' : 'atChange';
  }
  return 'current';
}

const costLines = (cents: ReadonlyMap<string, number>): CostLine[] =>
  [...cents]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, hundredths]) => ({ currency, amount: hundredths / 100 }));

function skuLine(sku: SkuTally, known: Pick<Sku, 'skuPartNumber'> | undefined): SkuLine {
  const pricing = pricingOf(sku);
  return {
    skuId: sku.skuId,
    name: known ? skuDisplayName(known) : sku.skuId,
    partNumber: known?.skuPartNumber ?? '',
    added: sku.added,
    removed: sku.removed,
    net: sku.added - sku.removed,
    plansChanged: sku.plansChanged,
    groupAdded: sku.groupAdded,
    groupRemoved: sku.groupRemoved,
    groupPlansChanged: sku.groupPlansChanged,
    costs: pricing === 'noPrice' ? [] : costLines(sku.cents),
    pricing,
  };
}

function totalsOf(lines: readonly SkuLine[]): ReportTotals {
  const cents = new Map<string, number>();
  for (const cost of lines.flatMap((line) => line.costs)) {
    cents.set(cost.currency, (cents.get(cost.currency) ?? 0) + Math.round(cost.amount * 100));
  }
  const sum = (pick: (line: SkuLine) => number) => lines.reduce((n, line) => n + pick(line), 0);
  return {
    added: sum((line) => line.added),
    removed: sum((line) => line.removed),
    net: sum((line) => line.net),
    plansChanged: sum((line) => line.plansChanged),
    groupAdded: sum((line) => line.groupAdded),
    groupRemoved: sum((line) => line.groupRemoved),
    groupPlansChanged: sum((line) => line.groupPlansChanged),
    costs: costLines(cents),
  };
}

function overallPricing(lines: readonly SkuLine[]): MonthlyReport['pricing'] {
  const used = new Set(
    lines.flatMap((line) =>
      line.pricing === 'noPrice' || line.pricing === 'noSeatChange' ? [] : [line.pricing],
    ),
  );
  if (used.size === 0) {
    return 'none';
  }
  return used.size === 1 ? [...used][0]! : 'mixed';
}

/** The report from a finished tally and the tenant's SKUs (for their names). */
export function finishReport(
  tally: ReportTally,
  skus: readonly Pick<Sku, 'skuId' | 'skuPartNumber'>[],
): MonthlyReport {
  const known = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
  const lines = [...tally.skus.entries()]
    .map(([key, sku]) => skuLine(sku, known.get(key)))
    .sort((a, b) => a.name.localeCompare(b.name) || a.skuId.localeCompare(b.skuId));
  const kinds = new Map<RequestKind, number>();
  for (const did of tally.requests.values()) {
    const kind = requestKind(did);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return {
    month: tally.month,
    requests: {
      total: tally.requests.size,
      byKind: kindOrder.flatMap((kind) => {
        const count = kinds.get(kind);
        return count === undefined ? [] : [{ kind, count }];
      }),
    },
    usersChanged: tally.users.size,
    groupsChanged: tally.groups.size,
    skus: lines,
    totals: totalsOf(lines),
    unpriced: lines.filter((line) => line.pricing === 'noPrice').map((line) => line.name),
    pricing: overallPricing(lines),
    failed: tally.failed,
  };
}

/** The month's report from its history lines and the prices, all at once. */
export function buildMonthlyReport(
  month: ReportMonth,
  events: readonly HistoryEvent[],
  prices: PriceBook,
  skus: readonly Pick<Sku, 'skuId' | 'skuPartNumber'>[],
): MonthlyReport {
  const tally = newTally(month);
  for (const event of events) {
    tallyEvent(tally, event, prices);
  }
  return finishReport(tally, skus);
}
