import type { Result } from '../errors.ts';
import type { OperationOutcome } from './outcome.ts';
import type { Actor, Operation, OperationState, Person, TransitionEvent } from './operation.ts';
import { refusalFromState } from './state-refusal.ts';
import type { TransitionRefusal } from './transition-refusal.ts';

const refuse = (
  code: TransitionRefusal['code'],
  message: string,
): Result<never, TransitionRefusal> => ({ ok: false, failure: { code, message } });

const isExpired = (operation: Operation, now: Date): boolean =>
  now.getTime() >= Date.parse(operation.expiresAt);

/** Approved for a time still ahead (a one-time schedule): it may not start yet. */
const isBeforeStart = (operation: Operation, now: Date): boolean =>
  operation.startAt !== undefined && now.getTime() < Date.parse(operation.startAt);

/** Why a user was left out of a run someone stopped, on their item and in history. */
export function stoppedRunNote(by: Person): string {
  return `Not done: ${by.displayName} stopped the run before it reached this user.`;
}

/**
 * How a finished run ends: every user done (or skipped), none, or some; `cancelled` when it was
 * stopped and left users out (a stop that came after the last user changes nothing).
 */
export function finalState(
  outcome: Pick<OperationOutcome, 'counts'>,
  stopped: boolean,
): OperationState | undefined {
  const { planned, sent, failed, done, cancelled } = outcome.counts;
  if (planned + sent > 0) {
    return undefined;
  }
  if (stopped && cancelled > 0) {
    return 'cancelled';
  }
  if (failed === 0) {
    return 'succeeded';
  }
  return done === 0 ? 'failed' : 'partiallyFailed';
}

/**
 * An approval: the last one needed approves the operation; an earlier one is recorded and it
 * waits for the next, who must be a different approver.
 */
function approve(
  operation: Operation,
  by: Person,
  at: string,
  move: (to: OperationState, changes?: Partial<Operation>) => Result<Operation, TransitionRefusal>,
): Result<Operation, TransitionRefusal> {
  const given = operation.approvals ?? [];
  if (given.some((approval) => approval.by.userId === by.userId)) {
    return refuse(
      'ALREADY_APPROVED',
      'You approved it already: it needs another approver too, someone other than you.',
    );
  }
  const needed = operation.approversNeeded ?? 1;
  return given.length + 1 < needed
    ? move('pending', { approvals: [...given, { by, at }] })
    : move('approved', { decidedAt: at, decidedBy: by });
}

function authorise(operation: Operation, event: TransitionEvent, actor: Actor) {
  const needsSystem = ['autoApprove', 'expire', 'start', 'finish', 'pause'].includes(event.type);
  if (needsSystem) {
    return actor.kind === 'system'
      ? undefined
      : refuse('NOT_ALLOWED', 'Only License Desk itself can do that.');
  }
  if (actor.kind === 'system') {
    return refuse('NOT_ALLOWED', 'Approving, rejecting and cancelling need a person.');
  }
  const isRequester = actor.userId === operation.requester.userId;
  if (event.type === 'cancel') {
    // A run (or its paused pilot) may be stopped by whoever asked or any approver; a pending
    // request only by its asker.
    const started =
      operation.state === 'running' ||
      operation.state === 'paused' ||
      (operation.state === 'approved' && operation.startAt !== undefined);
    const allowed = isRequester || (started && actor.isApprover);
    return allowed
      ? undefined
      : refuse('NOT_THE_REQUESTER', 'Only the person who asked can cancel this request.');
  }
  if (isRequester) {
    return refuse('SELF_APPROVAL', 'You asked for this, so another approver has to decide on it.');
  }
  return actor.isApprover
    ? undefined
    : refuse('NOT_AN_APPROVER', 'Only license approvers can approve or reject requests.');
}

/**
 * Moves an operation through its life, or says why not: pending → approved → running →
 * succeeded / partiallyFailed / failed, and pending → rejected / expired / cancelled. A running
 * operation can be stopped (`cancel`: it stays running, marked, until the run ends it
 * `cancelled`). The new
 * operation is a copy; storing it under the read ETag is what makes one of two racing clicks win.
 */
export function transition(
  operation: Operation,
  event: TransitionEvent,
  actor: Actor,
  now: Date,
): Result<Operation, TransitionRefusal> {
  const unauthorised = authorise(operation, event, actor);
  if (unauthorised) {
    return unauthorised;
  }
  const at = now.toISOString();
  const by = personOf(actor) ?? ('system' as const);
  const move = (to: OperationState, changes: Partial<Operation> = {}, reason?: string) => {
    const step = { type: event.type, from: operation.state, to, by, at };
    return {
      ok: true as const,
      value: {
        ...operation,
        ...changes,
        state: to,
        updatedAt: at,
        events: [...operation.events, reason === undefined ? step : { ...step, reason }],
      },
    };
  };

  if (event.type === 'start') {
    if (operation.state === 'approved' && isBeforeStart(operation, now)) {
      return refuse('NOT_YET', `It is scheduled to start at ${operation.startAt!}.`);
    }
    return operation.state === 'approved'
      ? move('running', { startedAt: at })
      : refusalOrNotAllowed(operation, 'Only an approved request can start.');
  }
  if (event.type === 'finish') {
    if (operation.state !== 'running') {
      return refusalOrNotAllowed(operation, 'Only a running request can finish.');
    }
    const end = finalState(event.outcome, operation.cancelRequested !== undefined);
    return end === undefined
      ? refuse('NOT_ALLOWED', 'Some users have not been processed yet.')
      : move(end, { finishedAt: at, outcome: event.outcome });
  }

  if (event.type === 'pause') {
    return operation.state === 'running' && operation.pilot !== undefined
      ? move('paused')
      : refuse('NOT_ALLOWED', 'Only a running pilot can pause.');
  }
  if (event.type === 'continue') {
    return operation.state === 'paused' && operation.pilot !== undefined
      ? move('approved', {
          pilot: { ...operation.pilot, continuedBy: personOf(actor)!, continuedAt: at },
        })
      : refusalOrNotAllowed(operation, 'Only a request whose pilot is done can be continued.');
  }
  if (event.type === 'cancel' && operation.state === 'approved' && isBeforeStart(operation, now)) {
    // Approved for a later time and not started: nothing was sent, so it simply ends.
    return move('cancelled', { cancelRequested: { by: personOf(actor)!, at } });
  }
  if (event.type === 'cancel' && operation.state === 'paused') {
    // Run once more, to end the users left: the run sees the stop and sends nothing.
    return move('approved', { cancelRequested: { by: personOf(actor)!, at } });
  }
  if (event.type === 'cancel' && operation.state === 'running') {
    return operation.cancelRequested
      ? refuse(
          'ALREADY_STOPPING',
          `${operation.cancelRequested.by.displayName} already stopped this run: it is ending.`,
        )
      : move('running', { cancelRequested: { by: personOf(actor)!, at } });
  }
  const settled = refusalFromState(operation);
  if (settled) {
    return { ok: false, failure: settled };
  }
  switch (event.type) {
    case 'expire':
      return isExpired(operation, now)
        ? move('expired')
        : refuse('NOT_ALLOWED', 'This request has not reached its expiry time yet.');
    case 'cancel':
      return move('cancelled', { decidedAt: at });
    case 'autoApprove':
      return move('approved', { decidedAt: at, autoApproved: true }, event.reason);
    case 'approve':
      return isExpired(operation, now)
        ? refuse(
            'EXPIRED',
            'This request expired before anyone approved it. Ask again if it is still needed.',
          )
        : approve(operation, personOf(actor)!, at, move);
    case 'reject': {
      const reason = event.reason.trim();
      if (reason === '') {
        return refuse('REASON_REQUIRED', 'Say why you reject it: the requester will read it.');
      }
      if (isExpired(operation, now)) {
        return refuse('EXPIRED', 'This request expired before anyone decided on it.');
      }
      return move(
        'rejected',
        { decidedAt: at, rejectionReason: reason, decidedBy: personOf(actor) },
        reason,
      );
    }
  }
}

function personOf(actor: Actor): Person | undefined {
  return actor.kind === 'system'
    ? undefined
    : { userId: actor.userId, displayName: actor.displayName };
}

function refusalOrNotAllowed(
  operation: Operation,
  message: string,
): Result<never, TransitionRefusal> {
  const settled = refusalFromState(operation);
  return settled && operation.state !== 'approved'
    ? { ok: false, failure: settled }
    : refuse('NOT_ALLOWED', message);
}
