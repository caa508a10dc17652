import { policyForTenant } from '../requests/policy-for-tenant.ts';
import type { GroupLicenseCommand } from '../../domain/group-licenses/group-license-command.ts';
import { newOperation } from '../../domain/operations/new-operation.ts';
import type { ScheduleOrigin } from '../../domain/operations/operation.ts';
import { recordImpact } from '../../domain/planning/impact-record.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import type { Caller } from '../identity/caller.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { planGroupLicense, type GroupLicenseProblem } from './plan-group-license.ts';

export type GroupLicenseOutcome =
  | GroupLicenseProblem
  | { kind: 'pending'; operation: Versioned<StoredOperation>; impact: Impact; reasons: string[] }
  | { kind: 'alreadyAsked'; operation: Versioned<StoredOperation> };

/** Why every group license change waits for an approver, shown on its card. */
export const GROUP_LICENSE_REASON =
  'A group license changes the licenses of every member, now and as members come and go: an approver other than the requester decides.';

/** The request asked before under the same id (a second click, a message delivered twice). */
export async function askedBefore(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string | undefined,
): Promise<GroupLicenseOutcome | undefined> {
  const before =
    operationId === undefined ? null : await deps.operations.get(tenantId, operationId);
  return before ? { kind: 'alreadyAsked', operation: before } : undefined;
}

/**
 * Saves a pending group request and hands its approvers' cards to the notifier. Of two asks under
 * one id at once, the first create wins and the other shows its request.
 */
export async function savePendingGroupRequest(
  deps: RequestDependencies,
  stored: StoredOperation,
  drawing: { impact: Impact; reasons: string[] },
  operationId: string | undefined,
): Promise<GroupLicenseOutcome> {
  let saved: Versioned<StoredOperation>;
  try {
    saved = await deps.operations.create(stored);
  } catch (error) {
    const first =
      error instanceof ConcurrencyConflictError &&
      (await askedBefore(deps, stored.tenantId, operationId));
    if (first) {
      return first;
    }
    throw error;
  }
  await deps.notifier.asked?.(saved.value, drawing);
  return { kind: 'pending', operation: saved, ...drawing };
}

/**
 * Stores a group license request, always pending: Graph is called only after another approver
 * approves it (the state machine refuses the requester's own approval). Its approvers' cards
 * are posted by the notifier, like any request's.
 */
export async function askGroupLicense(
  deps: RequestDependencies,
  caller: Caller,
  command: GroupLicenseCommand,
  options: {
    operationId?: string;
    startAt?: Date;
    origin?: ScheduleOrigin;
    /** The REST API request's hash under an `Idempotency-Key`. */
    requestFingerprint?: string;
  } = {},
): Promise<GroupLicenseOutcome> {
  const before = await askedBefore(deps, caller.tenantId, options.operationId);
  if (before) {
    return before;
  }
  const planned = await planGroupLicense(deps, caller, command);
  if (!planned.ok) {
    return planned.outcome;
  }
  const { group, change, impact, summary } = planned.value;
  const reasons = [GROUP_LICENSE_REASON];
  const { operation } = newOperation({
    id: options.operationId ?? deps.newId(),
    tenantId: caller.tenantId,
    kind: change.kind,
    requester: { userId: caller.userId, displayName: caller.displayName },
    summary,
    ...(command.justification ? { justification: command.justification } : {}),
    items: [],
    impact: recordImpact(impact, reasons),
    now: deps.clock.now(),
    expiresAfterMs: policyForTenant(deps, caller.tenantId).expiresAfterHours * 3_600_000,
    ...(options.startAt ? { startAt: options.startAt } : {}),
    ...(options.origin ? { schedule: options.origin } : {}),
    ...(options.requestFingerprint ? { requestFingerprint: options.requestFingerprint } : {}),
  });
  const stored: StoredOperation = {
    ...operation,
    userCount: impact.userCount,
    group: { id: group.id, displayName: group.displayName, body: change.body, after: change.after },
  };
  return savePendingGroupRequest(deps, stored, { impact, reasons }, options.operationId);
}
