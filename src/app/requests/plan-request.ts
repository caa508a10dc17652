import type { DirectoryUser, SkuId } from '../../domain/licensing.ts';
import type { Impact, SeatPrice } from '../../domain/planning/impact.ts';
import type { UserPlan } from '../../domain/planning/license-change.ts';
import { defaultPlanRules } from '../../domain/planning/plan-rules.ts';
import { decideApproval, type ApprovalDecision } from '../../domain/policy/decide-approval.ts';
import type { Caller } from '../identity/caller.ts';
import type { RequestDependencies } from './request-deps.ts';
import type { ChangeCommand, RequestOptions, EarlyOutcome } from './request-outcome.ts';
import { planChanges, resolveChanges } from './resolve-changes.ts';
import { whoIsAskedFor, type AskedFor } from './who-is-asked-for.ts';

/** A request planned and judged by the policy, not stored: what `ask` saves, what `preview` shows. */
export interface PlannedRequest {
  users: DirectoryUser[];
  selection: AskedFor['selection'];
  plan: { plans: UserPlan[]; impact: Impact; summary: string };
  decision: Exclude<ApprovalDecision, { decision: 'refused' }>;
}

async function seatPrices(deps: RequestDependencies, tenantId: string) {
  const prices = await deps.prices.list(tenantId);
  return new Map<SkuId, SeatPrice>(
    prices.map((price) => [
      price.skuId,
      { monthlyAmount: price.monthlyAmount, currency: price.currency },
    ]),
  );
}

/**
 * Finds whom a command is for, resolves its license words, plans each user's exact change and
 * the impact, and asks the policy: everything a request is before it is stored.
 */
export async function planRequest(
  deps: RequestDependencies,
  caller: Caller,
  command: ChangeCommand,
  options: RequestOptions,
): Promise<{ ok: true; value: PlannedRequest } | { ok: false; outcome: EarlyOutcome }> {
  const [skus, stored] = await Promise.all([
    deps.directory.forTenant(caller.tenantId).listSkus(),
    deps.templates.list(caller.tenantId),
  ]);
  const asked = await whoIsAskedFor(deps, caller.tenantId, command, skus, options);
  if (!asked.ok) {
    return { ok: false, outcome: asked.outcome };
  }
  const { users, selection } = asked.value;
  const changes = resolveChanges(command, users, selection?.rowLicenses, {
    skus,
    templates: stored.map((entry) => entry.value),
  });
  if (!changes.ok) {
    return { ok: false, outcome: changes.outcome };
  }
  const prices = await seatPrices(deps, caller.tenantId);
  const ctx = {
    skus,
    rules: defaultPlanRules,
    ...(command.kind === 'assign' && command.usageLocation
      ? { usageLocation: command.usageLocation }
      : {}),
  };
  const plan = planChanges(users, changes.value, ctx, prices);
  const blocked = plan.plans.flatMap((entry) => (entry.outcome === 'blocked' ? [entry] : []));
  if (plan.impact.changeCount === 0) {
    const failure = blocked[0]?.failure;
    if (failure) {
      return { ok: false, outcome: { kind: 'problem', message: failure.message, failure } };
    }
    const why =
      plan.plans.flatMap((entry) => (entry.outcome === 'noop' ? [entry.reason] : []))[0] ??
      'Nothing would change.';
    return { ok: false, outcome: { kind: 'nothingToDo', message: why } };
  }
  const decision = decideApproval(
    {
      kind: command.kind,
      role: caller.role,
      changeCount: plan.impact.changeCount,
      leavesShort: plan.impact.leavesShort,
      bulk: selection !== undefined,
      monthlyCostRise: Math.max(0, ...plan.impact.cost.map((cost) => cost.delta)),
    },
    deps.policy,
  );
  if (decision.decision === 'refused') {
    return { ok: false, outcome: { kind: 'problem', message: decision.reason } };
  }
  return { ok: true, value: { users, selection, plan, decision } };
}
