import type { HistoryChange, HistoryEvent } from '../history/history-event.ts';
import { priceAt, type PriceBook } from './price-at.ts';
import type { ReportMonth } from './report-month.ts';

/** What a request did in the month, read from its history lines (events carry no kind). */
export type RequestKind =
  'assign' | 'remove' | 'transfer' | 'plans' | 'usageLocation' | 'reprocess' | 'groupLicense';

/** One SKU's counts so far; `cents` is the cost change per currency, in hundredths. */
export interface SkuTally {
  skuId: string;
  added: number;
  removed: number;
  plansChanged: number;
  groupAdded: number;
  groupRemoved: number;
  groupPlansChanged: number;
  cents: Map<string, number>;
  /** Direct seat changes priced from the price history, from today's price, or not at all. */
  atChange: number;
  current: number;
  unpriced: number;
}

/**
 * A month's report while its history is read page by page: counts per SKU, one entry per
 * request and per user or group changed, never the events themselves.
 */
export interface ReportTally {
  readonly month: ReportMonth;
  /** Request id → what its lines changed (a set of `Did` flags). */
  readonly requests: Map<string, Set<Did>>;
  readonly users: Set<string>;
  readonly groups: Set<string>;
  /** By lower-case SKU id. */
  readonly skus: Map<string, SkuTally>;
  /** License changes that failed: not counted, but worth a look before billing. */
  failed: number;
}

type Did = HistoryChange | 'group';

export function newTally(month: ReportMonth): ReportTally {
  return {
    month,
    requests: new Map(),
    users: new Set(),
    groups: new Set(),
    skus: new Map(),
    failed: 0,
  };
}

// What counts as a change: refusals, rejections and expiries changed nothing.
const changing: ReadonlySet<HistoryChange> = new Set([
  'added',
  'removed',
  'plansChanged',
  'usageLocationSet',
  'reprocessed',
]);

function skuTally(tally: ReportTally, skuId: string): SkuTally {
  const key = skuId.toLowerCase();
  let found = tally.skus.get(key);
  if (found === undefined) {
    found = {
      skuId,
      added: 0,
      removed: 0,
      plansChanged: 0,
      groupAdded: 0,
      groupRemoved: 0,
      groupPlansChanged: 0,
      cents: new Map(),
      atChange: 0,
      current: 0,
      unpriced: 0,
    };
    tally.skus.set(key, found);
  }
  return found;
}

/** A direct seat added (+1) or removed (−1), priced as the SKU's price stood at the change. */
function countSeat(sku: SkuTally, event: HistoryEvent, prices: PriceBook): void {
  const sign = event.change === 'added' ? 1 : -1;
  if (sign > 0) {
    sku.added += 1;
  } else {
    sku.removed += 1;
  }
  const found = priceAt(prices, sku.skuId, event.at);
  if (found === undefined) {
    sku.unpriced += 1;
    return;
  }
  sku[found.basis] += 1;
  // Hundredths keep a month of additions exact (prices have at most two decimals).
  const cents = sign * Math.round(found.price.monthlyAmount * 100);
  sku.cents.set(found.price.currency, (sku.cents.get(found.price.currency) ?? 0) + cents);
}

/** A group's license change: its seats are consumed member by member through Entra. */
function countGroup(sku: SkuTally, change: HistoryChange): void {
  if (change === 'added') {
    sku.groupAdded += 1;
  } else if (change === 'removed') {
    sku.groupRemoved += 1;
  } else {
    sku.groupPlansChanged += 1;
  }
}

const licenseChanges: ReadonlySet<HistoryChange> = new Set(['added', 'removed', 'plansChanged']);

/**
 * Adds one history line to the tally (mutated in place, so a month of 100,000 lines is read in
 * pages without keeping them). Only succeeded changes inside the month count.
 */
export function tallyEvent(tally: ReportTally, event: HistoryEvent, prices: PriceBook): void {
  if (event.at < tally.month.from || event.at >= tally.month.until) {
    return;
  }
  if (event.result === 'failed') {
    tally.failed += 1;
    return;
  }
  if (event.result !== 'succeeded' || !changing.has(event.change)) {
    return;
  }
  const did = tally.requests.get(event.operationId) ?? new Set<Did>();
  did.add(event.change);
  if (event.group) {
    did.add('group');
    tally.groups.add(event.group.id);
  } else {
    tally.users.add(event.userId);
  }
  tally.requests.set(event.operationId, did);
  if (event.skuId === undefined || !licenseChanges.has(event.change)) {
    return;
  }
  const sku = skuTally(tally, event.skuId);
  if (event.group) {
    countGroup(sku, event.change);
  } else if (event.change === 'plansChanged') {
    sku.plansChanged += 1;
  } else {
    countSeat(sku, event, prices);
  }
}

/** A request's kind from what its lines changed: a license added and one removed is a transfer. */
export function requestKind(did: ReadonlySet<Did>): RequestKind {
  if (did.has('group')) {
    return 'groupLicense';
  }
  if (did.has('reprocessed')) {
    return 'reprocess';
  }
  if (did.has('added')) {
    return did.has('removed') ? 'transfer' : 'assign';
  }
  if (did.has('removed')) {
    return 'remove';
  }
  return did.has('plansChanged') ? 'plans' : 'usageLocation';
}
