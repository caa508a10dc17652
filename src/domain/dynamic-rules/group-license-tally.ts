import { skuDisplayName } from '../catalogue/display-names.ts';
import { isCountryCode } from '../geo/usage-location.ts';
import { availableSeats, type DirectoryUser, type Sku, type SkuId } from '../licensing.ts';
import type { SeatPrice } from '../planning/impact.ts';
import type { LicenseChange, PlanningContext } from '../planning/license-change.ts';
import { planUserChange } from '../planning/plan-user-change.ts';
import type { PlanRule } from '../planning/plan-rules.ts';

type Assign = Extract<LicenseChange, { kind: 'assign' }>;

/** One SKU a group would give: seats its members would take, and what they cost a month. */
export interface GroupSeatFigures {
  skuId: SkuId;
  name: string;
  partNumber: string;
  /** Members who do not hold it yet: each takes a seat. */
  needed: number;
  /** Seats free now (negative when over-assigned). */
  free: number;
  shortfall: number;
  price?: SeatPrice;
  /** `needed` × the monthly price, when the SKU has one. */
  monthlyCost?: number;
}

/** What licensing a group with these members and licenses needs, in figures. */
export interface GroupLicenseFigures {
  memberCount: number;
  /** Members who would get at least one license they do not hold (a seat each). */
  gainingCount: number;
  /** Members who already hold every license the group gives: nothing new for them. */
  alreadyHoldCount: number;
  /** Of the members gaining a license, those without a usage location: they get `tenantCountry`. */
  withoutUsageLocation: number;
  tenantCountry: string;
  /** Of the members gaining a license, disabled accounts: a group licenses them too. */
  disabledGaining: number;
  seats: GroupSeatFigures[];
  /** Monthly cost of the new seats, per currency. */
  cost: { currency: string; amount: number }[];
  /** SKUs without a price in the table. */
  unpriced: string[];
  /** Mutually exclusive plans and missing dependencies, with how many members each concerns. */
  conflicts: { description: string; members: number }[];
  /** Why members could not get the licenses at all (a suspended subscription…). */
  refusals: { message: string; members: number }[];
  /** Whether any SKU would lack seats for its new members. */
  leavesShort: boolean;
}

/**
 * Adds up, member by member, what a group assigning `change` would need: a running count, so a
 * tenant of any size is never held in memory. Each member is planned by `planUserChange` as a
 * direct assignment would be (seats, conflicts), with the tenant's country for members without
 * a usage location, as group-based licensing gives them.
 */
export class GroupLicenseTally {
  readonly #change: Assign;
  readonly #ctx: PlanningContext;
  readonly #tenantCountry: string;
  readonly #needed = new Map<SkuId, number>();
  readonly #conflicts = new Map<string, number>();
  readonly #refusals = new Map<string, number>();
  #members = 0;
  #gaining = 0;
  #alreadyHold = 0;
  #withoutUsageLocation = 0;
  #disabledGaining = 0;

  constructor(
    change: Assign,
    tenant: { skus: readonly Sku[]; rules: readonly PlanRule[]; country: string },
  ) {
    this.#change = change;
    this.#tenantCountry = tenant.country;
    this.#ctx = {
      skus: tenant.skus,
      rules: tenant.rules,
      usageLocation: tenant.country,
      skusById: new Map(tenant.skus.map((sku) => [sku.skuId, sku])),
    };
  }

  add(user: DirectoryUser): void {
    this.#members += 1;
    const plan = planUserChange(user, this.#change, this.#ctx);
    if (plan.outcome === 'blocked') {
      count(this.#refusals, plan.failure.message);
      return;
    }
    if (plan.outcome === 'noop' || plan.seatsTaken.length === 0) {
      this.#alreadyHold += 1;
      return;
    }
    this.#gaining += 1;
    plan.seatsTaken.forEach((skuId) => count(this.#needed, skuId));
    plan.conflictDetails.forEach((detail) => count(this.#conflicts, detail.description));
    if (!user.usageLocation || !isCountryCode(user.usageLocation)) {
      this.#withoutUsageLocation += 1;
    }
    if (user.accountEnabled === false) {
      this.#disabledGaining += 1;
    }
  }

  /** The figures so far, priced with the admins' table. */
  figures(prices: ReadonlyMap<SkuId, SeatPrice>): GroupLicenseFigures {
    const seats = this.#change.licenses.map(({ sku }) =>
      seatFigures(sku, this.#needed.get(sku.skuId) ?? 0, prices.get(sku.skuId)),
    );
    const cost = new Map<string, number>();
    for (const seat of seats) {
      if (seat.price !== undefined) {
        cost.set(
          seat.price.currency,
          round((cost.get(seat.price.currency) ?? 0) + (seat.monthlyCost as number)),
        );
      }
    }
    return {
      memberCount: this.#members,
      gainingCount: this.#gaining,
      alreadyHoldCount: this.#alreadyHold,
      withoutUsageLocation: this.#withoutUsageLocation,
      tenantCountry: this.#tenantCountry,
      disabledGaining: this.#disabledGaining,
      seats,
      cost: [...cost].map(([currency, amount]) => ({ currency, amount })),
      unpriced: seats.filter((seat) => seat.price === undefined).map((seat) => seat.name),
      conflicts: [...this.#conflicts].map(([description, members]) => ({ description, members })),
      refusals: [...this.#refusals].map(([message, members]) => ({ message, members })),
      leavesShort: seats.some((seat) => seat.shortfall > 0),
    };
  }
}

function seatFigures(sku: Sku, needed: number, price: SeatPrice | undefined): GroupSeatFigures {
  const free = availableSeats(sku);
  const figures: GroupSeatFigures = {
    skuId: sku.skuId,
    name: skuDisplayName(sku),
    partNumber: sku.skuPartNumber,
    needed,
    free,
    shortfall: Math.max(0, needed - Math.max(0, free)),
  };
  return price === undefined
    ? figures
    : { ...figures, price, monthlyCost: round(needed * price.monthlyAmount) };
}

function count<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const round = (amount: number): number => Math.round(amount * 100) / 100;
