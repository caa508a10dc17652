import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type { AssignedLicense, ServicePlanId, Sku, SkuId } from '../licensing.ts';
import type { PlanRule } from './plan-rules.ts';

/** A rule an assignment would break, with the plans involved. */
export type PlanConflict =
  | { kind: 'mutuallyExclusive'; planIds: [ServicePlanId, ServicePlanId] }
  | { kind: 'missingDependency'; planId: ServicePlanId; requiresAnyOf: ServicePlanId[] };

const keyOf = (conflict: PlanConflict): string =>
  conflict.kind === 'mutuallyExclusive'
    ? `x:${[...conflict.planIds].sort().join(',')}`
    : `d:${conflict.planId}`;

/** The rules broken by a set of enabled plans. */
export function findConflicts(
  enabledPlanIds: ReadonlySet<ServicePlanId>,
  rules: readonly PlanRule[],
): PlanConflict[] {
  const conflicts: PlanConflict[] = [];
  for (const rule of rules) {
    if (rule.kind === 'mutuallyExclusive') {
      if (rule.planIds.every((id) => enabledPlanIds.has(id))) {
        conflicts.push({ kind: 'mutuallyExclusive', planIds: rule.planIds });
      }
    } else if (
      enabledPlanIds.has(rule.planId) &&
      !rule.requiresAnyOf.some((id) => enabledPlanIds.has(id))
    ) {
      conflicts.push({
        kind: 'missingDependency',
        planId: rule.planId,
        requiresAnyOf: rule.requiresAnyOf,
      });
    }
  }
  return conflicts;
}

/** The conflicts a change brings: present after it and not before. */
export function newConflicts(
  before: ReadonlySet<ServicePlanId>,
  after: ReadonlySet<ServicePlanId>,
  rules: readonly PlanRule[],
): PlanConflict[] {
  const existing = new Set(findConflicts(before, rules).map(keyOf));
  return findConflicts(after, rules).filter((conflict) => !existing.has(keyOf(conflict)));
}

/** A license that turns on a plan named by a conflict, and whether the change brings it. */
export interface PlanSource {
  planId: ServicePlanId;
  skuId: SkuId;
  /** True when the change adds (or re-adds) this license; false for one the user keeps. */
  isNew: boolean;
  /** A kept license only groups give: it cannot be changed on the user. */
  fromGroupsOnly: boolean;
}

/** A conflict with the licenses its plans come from: what a fix needs to name. */
export interface ConflictDetail {
  conflict: PlanConflict;
  sources: PlanSource[];
  /** Both plans (or the plan and what it needs) by name, and the licenses they come from. */
  description: string;
}

const namedPlans = (conflict: PlanConflict): ServicePlanId[] =>
  conflict.kind === 'mutuallyExclusive' ? conflict.planIds : [conflict.planId];

/**
 * Where each plan a conflict names is on after the change: in a license the change adds, or in
 * one the user keeps. Offering "assign without it" or "turn it off there first" depends on it.
 */
export function conflictDetails(
  conflicts: readonly PlanConflict[],
  kept: readonly AssignedLicense[],
  added: readonly AssignedLicense[],
  skus: ReadonlyMap<SkuId, Sku>,
  fromGroupsOnly: ReadonlySet<SkuId> = new Set(),
): ConflictDetail[] {
  const licenses = [
    ...added.map((license) => ({ license, isNew: true })),
    ...kept.map((license) => ({ license, isNew: false })),
  ];
  return conflicts.map((conflict) => {
    const sources = namedPlans(conflict).flatMap((planId) =>
      licenses
        .filter(
          ({ license }) =>
            !license.disabledPlans.includes(planId) &&
            (skus.get(license.skuId)?.servicePlans ?? []).some(
              (plan) => plan.servicePlanId === planId,
            ),
        )
        .map(({ license, isNew }) => ({
          planId,
          skuId: license.skuId,
          isNew,
          fromGroupsOnly: !isNew && fromGroupsOnly.has(license.skuId),
        })),
    );
    return { conflict, sources, description: describeConflict(conflict, sources, skus) };
  });
}

/**
 * The conflict in an admin's words: "Exchange Online Kiosk (in Microsoft 365 F3) and Exchange
 * Online (Plan 2) (in Microsoft 365 E5) cannot be on together".
 */
function describeConflict(
  conflict: PlanConflict,
  sources: readonly PlanSource[],
  skus: ReadonlyMap<SkuId, Sku>,
): string {
  const known = (planId: ServicePlanId) =>
    [...skus.values()]
      .flatMap((sku) => sku.servicePlans)
      .find((candidate) => candidate.servicePlanId === planId);
  const name = (planId: ServicePlanId): string => {
    const plan = known(planId);
    return plan ? planDisplayName(plan) : planId;
  };
  const named = (planId: ServicePlanId): string => {
    const from = sources.flatMap((source) => {
      const sku = source.planId === planId ? skus.get(source.skuId) : undefined;
      return sku ? [skuDisplayName(sku)] : [];
    });
    return from.length > 0 ? `${name(planId)} (in ${from.join(', ')})` : name(planId);
  };
  // Plans no SKU of the tenant has are no way out: name only those it could turn on.
  const needed = (planIds: readonly ServicePlanId[]): string => {
    const names = planIds.filter((id) => known(id) !== undefined).map(name);
    return names.length > 0 ? names.join(' or ') : 'a plan the tenant has no license for';
  };
  return conflict.kind === 'mutuallyExclusive'
    ? `${named(conflict.planIds[0])} and ${named(conflict.planIds[1])} cannot be on together`
    : `${named(conflict.planId)} needs ${needed(conflict.requiresAnyOf)}, which would be off`;
}

/** One detail per distinct conflict, the first user's sources kept. */
export function distinctConflicts(details: readonly ConflictDetail[]): ConflictDetail[] {
  const seen = new Set<string>();
  return details.filter((detail) => {
    const key = keyOf(detail.conflict);
    return !seen.has(key) && seen.add(key);
  });
}
