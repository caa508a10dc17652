import type { PlanRule } from './types.ts';

/** A rule broken by a set of enabled plans, with Graph's wording. */
export interface PlanRuleViolation {
  reason: 'MutuallyExclusiveViolation' | 'DependencyViolation';
  key: string;
  message: string;
}

function violationsOf(
  enabled: ReadonlySet<string>,
  rules: readonly PlanRule[],
): PlanRuleViolation[] {
  const found: PlanRuleViolation[] = [];
  for (const rule of rules) {
    if (rule.kind === 'mutuallyExclusive') {
      const [a, b] = rule.planIds;
      if (enabled.has(a) && enabled.has(b)) {
        found.push({
          reason: 'MutuallyExclusiveViolation',
          key: `x:${a}:${b}`,
          message: `License assignment failed because service plans ${a},${b} are mutually exclusive.`,
        });
      }
    } else if (enabled.has(rule.planId) && !rule.requiresAnyOf.some((id) => enabled.has(id))) {
      found.push({
        reason: 'DependencyViolation',
        key: `d:${rule.planId}`,
        message: `License assignment failed because service plan ${rule.planId} depends on the service plan(s) ${rule.requiresAnyOf.join(',')}.`,
      });
    }
  }
  return found;
}

/**
 * The first rule that `after` breaks and `before` did not: a change is judged on what it brings,
 * so a user who already breaks a rule (data imported as is) can still be given unrelated licenses.
 */
export function newViolation(
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
  rules: readonly PlanRule[],
): PlanRuleViolation | undefined {
  const existing = new Set(violationsOf(before, rules).map((violation) => violation.key));
  return violationsOf(after, rules).find((violation) => !existing.has(violation.key));
}
