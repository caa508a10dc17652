import { refusalFromState } from '../../domain/operations/state-refusal.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { TransitionRefusal } from '../../domain/operations/transition-refusal.ts';
import type { TransitionEvent } from '../../domain/operations/operation.ts';
import type { Caller } from '../identity/caller.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from './request-deps.ts';
import { saveMove } from './save-move.ts';

/** Writes of a stop that may lose to the run's own checkpoints before one gets through. */
const MAX_RUNNING_ATTEMPTS = 5;

/**
 * A decision on a request, as the card button sends it: approve or reject a pending one; cancel a
 * pending one (its requester) or stop a running one (its requester or an approver).
 */
export type Decision =
  | { kind: 'approve' }
  | { kind: 'reject'; reason: string }
  | { kind: 'cancel' }
  /** A paused pilot goes on for everyone else. */
  | { kind: 'continue' }
  /**
   * License Desk approves it itself, as a setting allows (an app's small change): the approval
   * path of an approver's click, with the system as actor and `reason` on the event.
   */
  | { kind: 'autoApprove'; reason: string };

/** Why a decision did not happen; `NOT_FOUND` covers forged, foreign and deleted ids alike. */
export type DecisionRefusal = TransitionRefusal | { code: 'NOT_FOUND'; message: string };

export type DecisionOutcome =
  | { ok: true; operation: Versioned<StoredOperation> }
  | { ok: false; refusal: DecisionRefusal; operation?: StoredOperation };

/**
 * Approves, rejects, cancels or stops a request: reloads it by id within the caller's own tenant,
 * lets the state machine decide whether this caller may (never the requester, only approvers), and writes the
 * move under the ETag read. Of two racing clicks one write wins; the loser re-reads and answers
 * from the state the winner left. A stored decision is told to the notifier, which also writes
 * a reject's history line before the change counts as told (`tell-changes.ts`): a crash or a
 * history the store refuses now leaves it for the job, never lost, and never an error here.
 */
export async function decideRequest(
  deps: RequestDependencies,
  caller: Caller,
  operationId: string,
  decision: Decision,
): Promise<DecisionOutcome> {
  const log = deps.logger.child({ operationId, userId: caller.userId });
  let current = await deps.operations.get(caller.tenantId, operationId);
  if (!current) {
    // Recorded: an id that is not in this tenant is a stale card at best, a forgery at worst.
    log.warn({ refusal: 'NOT_FOUND' }, 'decision on an unknown operation refused');
    return {
      ok: false,
      refusal: { code: 'NOT_FOUND', message: 'I can find no such request in your organisation.' },
    };
  }
  const actor =
    decision.kind === 'autoApprove'
      ? { kind: 'system' as const }
      : {
          kind: 'user' as const,
          userId: caller.userId,
          displayName: caller.displayName,
          isApprover: caller.role === 'approver',
        };
  const event: TransitionEvent =
    decision.kind === 'reject' || decision.kind === 'autoApprove'
      ? { type: decision.kind, reason: decision.reason }
      : { type: decision.kind };
  let saved: Versioned<StoredOperation> | undefined;
  // A running operation's document moves on with every checkpoint: stopping it tries again on a
  // fresh read. Any other lost race is another decision, answered from the state it left.
  for (let attempt = 0; current && attempt < MAX_RUNNING_ATTEMPTS; attempt += 1) {
    const moved = transition(current.value, event, actor, deps.clock.now());
    if (!moved.ok) {
      log.warn({ refusal: moved.failure.code }, 'decision refused');
      return { ok: false, refusal: moved.failure, operation: current.value };
    }
    // Every copy of the card, the requester and the history hear of it from the notifier.
    saved = await saveMove(deps, current, moved.value);
    if (saved || current.value.state !== 'running') {
      break;
    }
    current = await deps.operations.get(caller.tenantId, operationId);
  }
  if (!saved) {
    const now2 = await deps.operations.get(caller.tenantId, operationId);
    const settled = now2 ? refusalFromState(now2.value) : undefined;
    return {
      ok: false,
      refusal: settled ?? {
        code: 'NOT_ALLOWED',
        message: 'Someone else changed this request at the same moment: look at the card again.',
      },
      ...(now2 ? { operation: now2.value } : {}),
    };
  }
  log.info({ decision: decision.kind }, 'request decided');
  return { ok: true, operation: saved };
}
