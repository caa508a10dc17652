import type { PlanRule, SimAssignedLicense, SimLicenseState, SimSku, SimUser } from './types.ts';

/** True when a state gives the user the SKU (and so uses one of its seats). */
export function isActive(state: SimLicenseState): boolean {
  return state.state === 'Active' || state.state === 'ActiveWithError';
}

/** SKU ids the user holds from any source, whatever the number of sources. */
export function heldSkuIds(states: readonly SimLicenseState[]): Set<string> {
  return new Set(states.filter(isActive).map((state) => state.skuId));
}

/**
 * The SKUs, the seats they use and the plan rules. Seats are counted per user (a user holding a SKU
 * directly and from two groups uses one) and kept as a running count, so that a bulk run over ten
 * thousand users never recounts the directory.
 */
export class LicenseLedger {
  readonly rules: readonly PlanRule[];
  readonly #skus = new Map<string, SimSku>();
  readonly #consumed = new Map<string, number>();

  constructor(skus: readonly SimSku[], rules: readonly PlanRule[], users: readonly SimUser[]) {
    this.rules = rules;
    for (const sku of skus) {
      this.#skus.set(sku.skuId, sku);
      this.#consumed.set(sku.skuId, 0);
    }
    for (const user of users) {
      this.#count(new Set(), heldSkuIds(user.licenseAssignmentStates));
    }
  }

  skus(): SimSku[] {
    return [...this.#skus.values()];
  }

  sku(skuId: string): SimSku | undefined {
    return this.#skus.get(skuId);
  }

  consumedUnits(skuId: string): number {
    return this.#consumed.get(skuId) ?? 0;
  }

  /**
   * Whether one more user may be given the SKU: Graph refuses once consumed reaches the units
   * that work, enabled ones and those of an expired subscription in its grace period (warning;
   * Partner Center counts "total units" as active plus warning). Suspended units cannot be assigned.
   */
  hasFreeSeat(skuId: string, extraUsers = 0): boolean {
    const sku = this.#skus.get(skuId);
    return (
      sku !== undefined &&
      this.consumedUnits(skuId) + extraUsers < sku.prepaidUnits.enabled + sku.prepaidUnits.warning
    );
  }

  /** Whether the product may be used in that usage location. */
  allowedIn(skuId: string, usageLocation: string): boolean {
    return !(this.#skus.get(skuId)?.prohibitedUsageLocations ?? []).includes(usageLocation);
  }

  /** Plans a set of states turns on: each active state's SKU plans minus its disabled ones. */
  enabledPlans(states: readonly SimLicenseState[]): Set<string> {
    const enabled = new Set<string>();
    for (const state of states.filter(isActive)) {
      const disabled = new Set(state.disabledPlans);
      for (const plan of this.#skus.get(state.skuId)?.servicePlans ?? []) {
        if (!disabled.has(plan.servicePlanId)) {
          enabled.add(plan.servicePlanId);
        }
      }
    }
    return enabled;
  }

  /** One entry per held SKU; a plan is disabled only when every source disables it. */
  assignedLicenses(states: readonly SimLicenseState[]): SimAssignedLicense[] {
    const bySku = new Map<string, string[]>();
    for (const state of states.filter(isActive)) {
      const sofar = bySku.get(state.skuId);
      bySku.set(
        state.skuId,
        sofar === undefined
          ? [...state.disabledPlans]
          : sofar.filter((plan) => state.disabledPlans.includes(plan)),
      );
    }
    return [...bySku].map(([skuId, disabledPlans]) => ({ skuId, disabledPlans }));
  }

  /** Replaces a user's states and moves the seat counts accordingly. */
  replaceStates(user: SimUser, states: SimLicenseState[]): void {
    this.#count(heldSkuIds(user.licenseAssignmentStates), heldSkuIds(states));
    user.licenseAssignmentStates = states;
  }

  #count(before: ReadonlySet<string>, after: ReadonlySet<string>): void {
    for (const skuId of before) {
      if (!after.has(skuId)) {
        this.#consumed.set(skuId, this.consumedUnits(skuId) - 1);
      }
    }
    for (const skuId of after) {
      if (!before.has(skuId)) {
        this.#consumed.set(skuId, this.consumedUnits(skuId) + 1);
      }
    }
  }
}
