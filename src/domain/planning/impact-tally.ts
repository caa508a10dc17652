import type { LicensingFailure } from '../errors.ts';
import type { DirectoryUser, Sku, SkuId } from '../licensing.ts';
import {
  mergeWarningTallies,
  newWarningTally,
  skusByLowerId,
  tallyWarnings,
  warningLines,
} from './bulk-warnings.ts';
import { distinctConflicts, type ConflictDetail } from './conflicts.ts';
import { seatsAndCost, type Impact, type SeatPrice } from './impact.ts';
import type { UserPlan } from './license-change.ts';

const addOne = (counts: Map<SkuId, number>, id: SkuId, n = 1): void => {
  counts.set(id, (counts.get(id) ?? 0) + n);
};

/**
 * The impact of a request summed user by user, as their plans are made: each plan is counted
 * and can then be dropped, so a selection of 50,000 people is previewed without holding 50,000
 * users and plans at once. Tallies of consecutive slices of the users (say, listings read side
 * by side) merge in order into the tally of them all. `impact()` is what `summariseImpact` and
 * `bulkWarnings` give for the same plans, in the same order.
 */
export class ImpactTally {
  readonly #skusByLowerId: ReadonlyMap<string, Sku>;
  #userCount = 0;
  #changeCount = 0;
  #noopCount = 0;
  #blockedCount = 0;
  #usageLocationsToSet = 0;
  #conflictCount = 0;
  #conflicts: ConflictDetail[] = [];
  readonly #taken = new Map<SkuId, number>();
  readonly #freed = new Map<SkuId, number>();
  readonly #warnings = newWarningTally();
  #firstNoopReason: string | undefined;
  #firstBlocked: LicensingFailure | undefined;

  constructor(skus: readonly Sku[]) {
    this.#skusByLowerId = skusByLowerId(skus);
  }

  /** Counts one user's plan (the user is read for the warnings: licenses held twice, data lost). */
  add(user: DirectoryUser, plan: UserPlan): void {
    this.#userCount += 1;
    if (plan.outcome === 'noop') {
      this.#noopCount += 1;
      this.#firstNoopReason ??= plan.reason;
      return;
    }
    if (plan.outcome === 'blocked') {
      this.#blockedCount += 1;
      this.#firstBlocked ??= plan.failure;
      return;
    }
    this.#changeCount += 1;
    plan.seatsTaken.forEach((id) => addOne(this.#taken, id));
    plan.seatsFreed.forEach((id) => addOne(this.#freed, id));
    this.#usageLocationsToSet += plan.setUsageLocation === undefined ? 0 : 1;
    this.#conflictCount += plan.conflicts.length;
    if (plan.conflictDetails.length > 0) {
      this.#conflicts = distinctConflicts([...this.#conflicts, ...plan.conflictDetails]);
    }
    tallyWarnings(this.#warnings, user, plan, this.#skusByLowerId);
  }

  /** Adds the tally of the users that come after this one's. */
  merge(later: ImpactTally): void {
    this.#userCount += later.#userCount;
    this.#changeCount += later.#changeCount;
    this.#noopCount += later.#noopCount;
    this.#blockedCount += later.#blockedCount;
    this.#usageLocationsToSet += later.#usageLocationsToSet;
    this.#conflictCount += later.#conflictCount;
    this.#conflicts = distinctConflicts([...this.#conflicts, ...later.#conflicts]);
    later.#taken.forEach((n, id) => addOne(this.#taken, id, n));
    later.#freed.forEach((n, id) => addOne(this.#freed, id, n));
    mergeWarningTallies(this.#warnings, later.#warnings);
    this.#firstNoopReason ??= later.#firstNoopReason;
    this.#firstBlocked ??= later.#firstBlocked;
  }

  /** Why the first user with nothing to do has nothing to do. */
  get firstNoopReason(): string | undefined {
    return this.#firstNoopReason;
  }

  /** Why the first user who cannot be changed cannot be. */
  get firstBlocked(): LicensingFailure | undefined {
    return this.#firstBlocked;
  }

  /** The preview of the plans counted: seats and cost from the tenant's SKUs and the prices. */
  impact(skus: readonly Sku[], prices: ReadonlyMap<SkuId, SeatPrice>): Impact {
    return {
      userCount: this.#userCount,
      changeCount: this.#changeCount,
      noopCount: this.#noopCount,
      blockedCount: this.#blockedCount,
      usageLocationsToSet: this.#usageLocationsToSet,
      conflictCount: this.#conflictCount,
      conflicts: this.#conflicts,
      ...seatsAndCost(this.#taken, this.#freed, skus, prices),
      warnings: warningLines(this.#warnings),
    };
  }
}
