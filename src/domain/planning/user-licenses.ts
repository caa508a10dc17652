import type { AssignedLicense, DirectoryUser, ObjectId, Sku, SkuId } from '../licensing.ts';

/** How a user holds one SKU: directly, through groups, or both. */
export interface LicenseSources {
  direct: boolean;
  groupIds: ObjectId[];
}

/**
 * Where each of a user's SKUs comes from, from `licenseAssignmentStates`. Without states (not
 * selected), every assigned license counts as direct: Graph will say otherwise if it is not.
 */
export function licenseSources(user: DirectoryUser, skuId: SkuId): LicenseSources | undefined {
  const states = (user.licenseAssignmentStates ?? []).filter((state) => state.skuId === skuId);
  if (states.length === 0) {
    return user.assignedLicenses?.some((license) => license.skuId === skuId)
      ? { direct: true, groupIds: [] }
      : undefined;
  }
  return {
    direct: states.some((state) => state.assignedByGroup === null),
    groupIds: states.flatMap((state) =>
      state.assignedByGroup === null ? [] : [state.assignedByGroup],
    ),
  };
}

/** The user's license of a SKU as Graph reports it, or undefined. */
export function heldLicense(user: DirectoryUser, skuId: SkuId): AssignedLicense | undefined {
  return user.assignedLicenses?.find((license) => license.skuId === skuId);
}

/** The plans a set of licenses turns on, given the tenant's SKUs. */
export function enabledPlans(
  licenses: readonly AssignedLicense[],
  skus: ReadonlyMap<SkuId, Sku>,
): Set<string> {
  const enabled = new Set<string>();
  for (const license of licenses) {
    for (const plan of skus.get(license.skuId)?.servicePlans ?? []) {
      if (!license.disabledPlans.includes(plan.servicePlanId)) {
        enabled.add(plan.servicePlanId);
      }
    }
  }
  return enabled;
}

/**
 * The plans among `watched` that a set of licenses turns on: what plan rules look at, without
 * building the set of every plan of every license (a hundred a suite) for each user planned.
 */
export function enabledPlansAmong(
  licenses: readonly AssignedLicense[],
  skus: ReadonlyMap<SkuId, Sku>,
  watched: ReadonlySet<string>,
): Set<string> {
  const enabled = new Set<string>();
  for (const license of licenses) {
    for (const plan of skus.get(license.skuId)?.servicePlans ?? []) {
      const id = plan.servicePlanId;
      if (watched.has(id) && !license.disabledPlans.includes(id)) {
        enabled.add(id);
      }
    }
  }
  return enabled;
}

/** Two disabled-plan lists name the same plans, in any order. */
export function samePlans(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}
