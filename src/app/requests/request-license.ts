import { policyForTenant } from './policy-for-tenant.ts';
import type { Caller } from '../identity/caller.ts';
import type { DirectoryUser } from '../../domain/licensing.ts';
import { newOperation, type PlannedItem } from '../../domain/operations/new-operation.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import { recordImpact } from '../../domain/planning/impact-record.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import { boundExceeded } from '../../domain/schedules/run-bound.ts';
import type { ScheduleBound } from '../../domain/schedules/schedule.ts';
import type { UserPlan } from '../../domain/planning/license-change.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { ChangeCommand, RequestOptions, RequestOutcome } from './request-outcome.ts';
import { planRequest } from './plan-request.ts';
import type { RequestDependencies } from './request-deps.ts';

export type {
  ChangeCommand,
  RequestOptions,
  RequestOutcome,
  SelectionReport,
} from './request-outcome.ts';

function plannedItem(user: DirectoryUser, plan: UserPlan): PlannedItem {
  const base = {
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
  };
  switch (plan.outcome) {
    case 'change':
      return {
        ...base,
        body: plan.body,
        ...(plan.setUsageLocation ? { setUsageLocation: plan.setUsageLocation } : {}),
      };
    case 'noop':
      return { ...base, body: { addLicenses: [], removeLicenses: [] }, skipReason: plan.reason };
    case 'blocked':
      return {
        ...base,
        body: { addLicenses: [], removeLicenses: [] },
        skipReason: `Not possible: ${plan.failure.message}`,
      };
  }
}

/** A recurring run's decision: its rule's approval, unless the run goes beyond the bound. */
function scheduledDecision(
  impact: Impact,
  bound: ScheduleBound,
):
  | { decision: 'runNow' }
  | { decision: 'needsApproval'; reasons: string[]; approversNeeded: number } {
  const reasons = boundExceeded(impact, bound);
  return reasons.length === 0
    ? { decision: 'runNow' }
    : { decision: 'needsApproval', reasons, approversNeeded: 1 };
}

/** The request asked for before under the same id, if there is one. */
async function alreadyAsked(
  deps: RequestDependencies,
  caller: Caller,
  options: RequestOptions,
): Promise<RequestOutcome | undefined> {
  if (options.operationId === undefined) {
    return undefined;
  }
  const found = await deps.operations.get(caller.tenantId, options.operationId);
  return found ? { kind: 'alreadyAsked', operation: found } : undefined;
}

/**
 * Turns a license command into a stored operation: finds the users, resolves the license words
 * against the tenant, plans each user's exact change and its impact, saves the operation and its
 * items **before** anything is sent to Graph, and asks the policy whether it may run at once.
 */
export async function requestLicenseChange(
  deps: RequestDependencies,
  caller: Caller,
  command: ChangeCommand,
  justification?: string,
  options: RequestOptions = {},
): Promise<RequestOutcome> {
  const before = await alreadyAsked(deps, caller, options);
  if (before) {
    return before;
  }
  const planned = await planRequest(deps, caller, command, options);
  if (!planned.ok) {
    return planned.outcome;
  }
  const { users, selection, plan } = planned.value;
  const bound = options.scheduled?.bound;
  const decision = bound ? scheduledDecision(plan.impact, bound) : planned.value.decision;
  // A recurring run stores only the users it changes: the rest of a group, already licensed,
  // would cost a write each per run and tell nobody anything.
  const plans = bound ? plan.plans.filter((entry) => entry.outcome !== 'noop') : plan.plans;
  const byId = new Map(users.map((user) => [user.id, user]));
  const now = deps.clock.now();
  const { operation, items } = newOperation({
    id: options.operationId ?? deps.newId(),
    tenantId: caller.tenantId,
    kind: command.kind,
    requester: { userId: caller.userId, displayName: caller.displayName },
    summary: plan.summary,
    ...(justification ? { justification } : {}),
    items: plans.map((entry) => plannedItem(byId.get(entry.userId)!, entry)),
    impact: recordImpact(
      plan.impact,
      decision.decision === 'needsApproval' ? decision.reasons : [],
    ),
    now,
    expiresAfterMs: policyForTenant(deps, caller.tenantId).expiresAfterHours * 3_600_000,
    ...(selection ? { selection: selection.note } : {}),
    // A pilot smaller than the change is a pilot; one as large is the whole run.
    ...(command.pilot !== undefined && command.pilot < plan.impact.changeCount
      ? { pilotSize: command.pilot }
      : {}),
    ...(decision.decision === 'needsApproval' && decision.approversNeeded > 1
      ? { approversNeeded: decision.approversNeeded }
      : {}),
    ...(options.startAt ? { startAt: options.startAt } : {}),
    ...(options.scheduled ? { schedule: options.scheduled.origin } : {}),
    ...(options.requestFingerprint ? { requestFingerprint: options.requestFingerprint } : {}),
  });
  const report = selection
    ? { selection: { count: selection.count, rowProblems: selection.rowProblems } }
    : {};
  // The users' items first (an item already there is left as it is), then the operation that
  // names them: a crash between the two leaves items nobody refers to, never an operation
  // without its users. Saved before anything else: never a silent change.
  await deps.operationItems.createAll(caller.tenantId, operation.id, items);
  let saved: Versioned<StoredOperation>;
  try {
    saved = await deps.operations.create(operation);
  } catch (error) {
    // Of two asks under one id at once (two clicks, two deliveries), the first create wins; the
    // other shows its request.
    const first =
      error instanceof ConcurrencyConflictError && (await alreadyAsked(deps, caller, options));
    if (first) {
      return first;
    }
    throw error;
  }
  if (decision.decision === 'needsApproval') {
    return {
      kind: 'pending',
      operation: saved,
      impact: plan.impact,
      reasons: decision.reasons,
      ...report,
    };
  }
  const approved = transition(saved.value, { type: 'autoApprove' }, { kind: 'system' }, now);
  if (approved.ok) {
    saved = await deps.operations.transition(
      caller.tenantId,
      operation.id,
      saved.etag,
      approved.value,
    );
  }
  return { kind: 'runNow', operation: saved, impact: plan.impact, ...report };
}
