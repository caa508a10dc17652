import type { ServicePlanId } from '../licensing.ts';
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
