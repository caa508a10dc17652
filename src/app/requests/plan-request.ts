import { policyForTenant } from './policy-for-tenant.ts';
import type { DirectoryUser, SkuId } from '../../domain/licensing.ts';
import type { Impact, SeatPrice } from '../../domain/planning/impact.ts';
import type { PlanningContext, UserPlan } from '../../domain/planning/license-change.ts';
import { defaultPlanRules } from '../../domain/planning/plan-rules.ts';
import { decideApproval, type ApprovalDecision } from '../../domain/policy/decide-approval.ts';
import type { Caller } from '../identity/caller.ts';
import { ChangePlanner } from './change-planner.ts';
import type { RequestDependencies } from './request-deps.ts';
import type { ChangeCommand, RequestOptions, EarlyOutcome } from './request-outcome.ts';
import { readsFirstUser, resolveChanges } from './resolve-changes.ts';
import { whoIsAskedFor, type AskedFor } from './who-is-asked-for.ts';

/** A request judged by the policy, not stored: what `preview` shows (no user's plan is kept). */
export interface JudgedRequest {
  selection: AskedFor['selection'];
  plan: { impact: Impact; summary: string };
  decision: Exclude<ApprovalDecision, { decision: 'refused' }>;
}

/** A request planned and judged by the policy, not stored: what `ask` saves. */
export interface PlannedRequest extends JudgedRequest {
  users: DirectoryUser[];
  plan: { plans: UserPlan[]; impact: Impact; summary: string };
}

type Planned<T> = Promise<{ ok: true; value: T } | { ok: false; outcome: EarlyOutcome }>;

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
 * sums the impact, and asks the policy: everything a request is before it is stored. A confirmed
 * group or filter is planned user by user as Graph's pages arrive (planning overlaps the reads);
 * unless `keep`, each user and plan is dropped once counted.
 */
async function planAndJudge(
  deps: RequestDependencies,
  caller: Caller,
  command: ChangeCommand,
  options: RequestOptions,
  keep: boolean,
): Planned<PlannedRequest> {
  const [skus, stored, prices] = await Promise.all([
    deps.directory.forTenant(caller.tenantId).listSkus(),
    deps.templates.list(caller.tenantId),
    seatPrices(deps, caller.tenantId),
  ]);
  const tenant = { skus, templates: stored.map((entry) => entry.value) };
  const ctx: PlanningContext = {
    skus,
    rules: defaultPlanRules,
    ...(command.kind === 'assign' && command.usageLocation
      ? { usageLocation: command.usageLocation }
      : {}),
  };
  let planner: ChangePlanner | undefined;
  const asked = await whoIsAskedFor(deps, caller.tenantId, command, skus, options, (rows) => {
    const changes = readsFirstUser(command)
      ? undefined
      : resolveChanges(command, undefined, rows, tenant);
    if (changes?.ok !== true) {
      return undefined; // planned after the read (a problem with the words is told after its count)
    }
    const reading = new ChangePlanner(changes.value, ctx, { keep });
    planner = reading;
    return (user, listing) => reading.take(user, listing);
  });
  if (!asked.ok) {
    return { ok: false, outcome: asked.outcome };
  }
  const { users, selection } = asked.value;
  if (planner === undefined) {
    const changes = resolveChanges(command, users[0], selection?.rowLicenses, tenant);
    if (!changes.ok) {
      return { ok: false, outcome: changes.outcome };
    }
    planner = new ChangePlanner(changes.value, ctx, { keep });
    planner.planAll(users);
  }
  const planned = planner.planned();
  const impact = planned.impact.impact(skus, prices);
  if (impact.changeCount === 0) {
    const failure = planned.impact.firstBlocked;
    if (failure) {
      return { ok: false, outcome: { kind: 'problem', message: failure.message, failure } };
    }
    const why = planned.impact.firstNoopReason ?? 'Nothing would change.';
    return { ok: false, outcome: { kind: 'nothingToDo', message: why } };
  }
  const decision = decideApproval(
    {
      kind: command.kind,
      role: caller.role,
      changeCount: impact.changeCount,
      leavesShort: impact.leavesShort,
      bulk: selection !== undefined,
      monthlyCostRise: Math.max(0, ...impact.cost.map((cost) => cost.delta)),
    },
    policyForTenant(deps, caller.tenantId),
  );
  if (decision.decision === 'refused') {
    return { ok: false, outcome: { kind: 'problem', message: decision.reason } };
  }
  return {
    ok: true,
    value: {
      users: planned.users,
      selection,
      plan: { plans: planned.plans, impact, summary: planned.summary },
      decision,
    },
  };
}

/** Plans a request to store it: every user's plan is kept, for the operation's items. */
export function planRequest(
  deps: RequestDependencies,
  caller: Caller,
  command: ChangeCommand,
  options: RequestOptions,
): Planned<PlannedRequest> {
  return planAndJudge(deps, caller, command, options, true);
}

/**
 * Plans a request to show it (the preview): the impact and the policy's decision, with memory
 * that does not grow with the selection (users and plans are dropped once counted).
 */
export function judgeRequest(
  deps: RequestDependencies,
  caller: Caller,
  command: ChangeCommand,
  options: RequestOptions,
): Planned<JudgedRequest> {
  return planAndJudge(deps, caller, command, options, false);
}
