import { skuDisplayName } from '../catalogue/display-names.ts';
import { availableSeats, type Sku, type SkuId } from '../licensing.ts';
import { distinctConflicts, type ConflictDetail } from './conflicts.ts';
import type { UserPlan } from './license-change.ts';

/** A SKU's monthly list price per seat, from the admins' price table. */
export interface SeatPrice {
  monthlyAmount: number;
  currency: string;
}

/** Seats of one SKU before and after the operation. */
export interface SeatImpact {
  skuId: SkuId;
  name: string;
  total: number;
  usedBefore: number;
  usedAfter: number;
  availableAfter: number;
  /** Seats missing for the users who need one; 0 when there are enough. */
  shortfall: number;
}

/** Monthly cost in one currency before and after the operation, for the SKUs with a price. */
export interface CostImpact {
  currency: string;
  before: number;
  after: number;
  delta: number;
}

/** What an approver reads before deciding. */
export interface Impact {
  userCount: number;
  changeCount: number;
  noopCount: number;
  blockedCount: number;
  usageLocationsToSet: number;
  conflictCount: number;
  /** The distinct conflicts, with where their plans come from (the first user's). */
  conflicts: ConflictDetail[];
  seats: SeatImpact[];
  cost: CostImpact[];
  /** SKUs the operation touches that have no price in the table. */
  unpriced: string[];
  /** Whether any SKU would be left without enough seats. */
  leavesShort: boolean;
  /** Licenses held twice, data at risk: what the approver should read besides seats and cost. */
  warnings: string[];
}

const round = (amount: number): number => Math.round(amount * 100) / 100;

/** Seats per SKU used before → after and cost per currency, from seats taken and freed. */
export function seatsAndCost(
  taken: ReadonlyMap<SkuId, number>,
  freed: ReadonlyMap<SkuId, number>,
  skus: readonly Sku[],
  prices: ReadonlyMap<SkuId, SeatPrice>,
): Pick<Impact, 'seats' | 'cost' | 'unpriced' | 'leavesShort'> {
  const touched = skus.filter((sku) => taken.has(sku.skuId) || freed.has(sku.skuId));
  const seats = touched.map((sku): SeatImpact => {
    const gaining = taken.get(sku.skuId) ?? 0;
    const usedAfter = sku.consumedUnits + gaining - (freed.get(sku.skuId) ?? 0);
    const availableAfter = sku.prepaidUnits.enabled - usedAfter;
    return {
      skuId: sku.skuId,
      name: skuDisplayName(sku),
      total: sku.prepaidUnits.enabled,
      usedBefore: sku.consumedUnits,
      usedAfter,
      availableAfter,
      // Seats freed by the same operation are not counted on: users are processed in no
      // guaranteed order, so a seat may be needed before another user gives one back.
      shortfall: Math.max(0, gaining - Math.max(0, availableSeats(sku))),
    };
  });
  const cost = new Map<string, CostImpact>();
  const unpriced: string[] = [];
  for (const seat of seats) {
    const price = prices.get(seat.skuId);
    if (price === undefined) {
      unpriced.push(seat.name);
      continue;
    }
    const entry = cost.get(price.currency) ?? {
      currency: price.currency,
      before: 0,
      after: 0,
      delta: 0,
    };
    entry.before = round(entry.before + seat.usedBefore * price.monthlyAmount);
    entry.after = round(entry.after + seat.usedAfter * price.monthlyAmount);
    entry.delta = round(entry.after - entry.before);
    cost.set(price.currency, entry);
  }
  return {
    seats,
    cost: [...cost.values()],
    unpriced,
    leavesShort: seats.some((seat) => seat.shortfall > 0),
  };
}

/**
 * Sums per-user plans into the preview: seats per SKU used before → after and the shortfall,
 * monthly cost before → after per currency from the price table, and the counts of no-ops,
 * refusals, usage locations to set and conflicts.
 */
export function summariseImpact(
  plans: readonly UserPlan[],
  skus: readonly Sku[],
  prices: ReadonlyMap<SkuId, SeatPrice>,
): Impact {
  const taken = new Map<SkuId, number>();
  const freed = new Map<SkuId, number>();
  const changes = plans.flatMap((plan) => (plan.outcome === 'change' ? [plan] : []));
  for (const plan of changes) {
    plan.seatsTaken.forEach((id) => taken.set(id, (taken.get(id) ?? 0) + 1));
    plan.seatsFreed.forEach((id) => freed.set(id, (freed.get(id) ?? 0) + 1));
  }
  const { seats, cost, unpriced, leavesShort } = seatsAndCost(taken, freed, skus, prices);
  return {
    userCount: plans.length,
    changeCount: changes.length,
    noopCount: plans.filter((plan) => plan.outcome === 'noop').length,
    blockedCount: plans.filter((plan) => plan.outcome === 'blocked').length,
    usageLocationsToSet: changes.filter((plan) => plan.setUsageLocation !== undefined).length,
    conflictCount: changes.reduce((sum, plan) => sum + plan.conflicts.length, 0),
    conflicts: distinctConflicts(changes.flatMap((plan) => plan.conflictDetails)),
    seats,
    cost,
    unpriced,
    leavesShort,
    warnings: [],
  };
}
