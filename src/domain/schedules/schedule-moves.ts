import type { Result } from '../errors.ts';
import type { Person } from '../operations/operation.ts';
import type {
  Schedule,
  ScheduleBound,
  ScheduleEvent,
  ScheduleState,
  ScheduleTiming,
  ScheduledChange,
} from './schedule.ts';

/** What a person may do to a schedule (its runs are the system's, see `schedule-ticks.ts`). */
export type ScheduleMove =
  | { type: 'approve'; bound: ScheduleBound; nextDueAt: string }
  | { type: 'reject'; reason: string }
  | { type: 'pause' }
  | { type: 'resume'; nextDueAt: string }
  | { type: 'cancel' }
  | {
      type: 'edit';
      change: ScheduledChange;
      summary: string;
      timing: ScheduleTiming;
      justification?: string;
    }
  | { type: 'runNow' };

/** Who acts on a schedule, from the Teams activity, with their role. */
export type ScheduleActor = Person & { isApprover: boolean };

/** Why a move did not happen, with a stable code and a sentence for the card. */
export interface ScheduleRefusal {
  code:
    | 'NOT_AN_APPROVER'
    | 'SELF_APPROVAL'
    | 'NOT_THE_OWNER'
    | 'NOT_ALLOWED'
    | 'REASON_REQUIRED'
    | 'INVALID_BOUND';
  message: string;
}

/** How many of a schedule's latest steps it keeps (each run's operation keeps its own). */
export const SCHEDULE_EVENTS_KEPT = 20;

const refuse = (
  code: ScheduleRefusal['code'],
  message: string,
): Result<never, ScheduleRefusal> => ({
  ok: false,
  failure: { code, message },
});

const stateWords: Record<ScheduleState, string> = {
  pending: 'waiting for approval',
  active: 'active',
  paused: 'paused',
  done: 'done: it has run',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

const notNow = (schedule: Schedule, what: string): Result<never, ScheduleRefusal> =>
  refuse('NOT_ALLOWED', `This schedule is ${stateWords[schedule.state]}: it cannot ${what}.`);

/** Approvers act on every schedule; the owner may cancel theirs until it has run, and edit it. */
function authorise(
  schedule: Schedule,
  move: ScheduleMove,
  actor: ScheduleActor,
): ScheduleRefusal | undefined {
  const isOwner = actor.userId === schedule.owner.userId;
  if (move.type === 'cancel' || move.type === 'edit') {
    const ownBeforeRun = isOwner && schedule.runCount === 0;
    return actor.isApprover || ownBeforeRun
      ? undefined
      : {
          code: 'NOT_THE_OWNER',
          message: isOwner
            ? 'It has run already: ask a license approver to change or end it.'
            : 'Only the person who asked for this schedule, or a license approver, can do that.',
        };
  }
  if (!actor.isApprover) {
    return {
      code: 'NOT_AN_APPROVER',
      message: 'Only license approvers can do that to a schedule.',
    };
  }
  if (move.type === 'approve' && (isOwner || schedule.editedBy?.userId === actor.userId)) {
    return {
      code: 'SELF_APPROVAL',
      message: isOwner
        ? 'You asked for this schedule, so another approver has to approve it.'
        : 'You edited this schedule, so another approver has to approve it.',
    };
  }
  return undefined;
}

function checkBound(bound: ScheduleBound): ScheduleRefusal | undefined {
  const whole = (value: number, least: number) => Number.isInteger(value) && value >= least;
  return whole(bound.users, 1) && whole(bound.seats, 0)
    ? undefined
    : {
        code: 'INVALID_BOUND',
        message:
          'Give a whole number of users per run (at least 1) and of new seats (0 or more), e.g. 50 and 50.',
      };
}

/**
 * A schedule after a person's move, or why not: approve and reject a pending rule, pause and
 * resume a recurring one, cancel, edit (which asks for approval again) and run now. The new
 * schedule is a copy; storing it under the read ETag makes one of two racing clicks win.
 */
export function moveSchedule(
  schedule: Schedule,
  move: ScheduleMove,
  actor: ScheduleActor,
  now: Date,
): Result<Schedule, ScheduleRefusal> {
  const unauthorised = authorise(schedule, move, actor);
  if (unauthorised) {
    return { ok: false, failure: unauthorised };
  }
  const at = now.toISOString();
  const by: Person = { userId: actor.userId, displayName: actor.displayName };
  const step = (to: ScheduleState, changes: Partial<Schedule> = {}, reason?: string) => {
    const event: ScheduleEvent = { type: move.type, by, at, ...(reason ? { reason } : {}) };
    const { nextDueAt: _next, claim: _claim, ...rest } = schedule;
    const kept = to === 'active' || move.type === 'runNow' ? schedule : rest;
    return {
      ok: true as const,
      value: {
        ...kept,
        ...changes,
        state: to,
        updatedAt: at,
        events: [...schedule.events, event].slice(-SCHEDULE_EVENTS_KEPT),
      },
    };
  };
  const recurring = schedule.timing.kind === 'recurring';
  switch (move.type) {
    case 'approve': {
      if (schedule.state !== 'pending') {
        return notNow(schedule, 'be approved');
      }
      const invalid = checkBound(move.bound);
      return invalid
        ? { ok: false, failure: invalid }
        : step('active', {
            bound: move.bound,
            nextDueAt: move.nextDueAt,
            decidedBy: by,
            decidedAt: at,
          });
    }
    case 'reject': {
      if (schedule.state !== 'pending') {
        return notNow(schedule, 'be rejected');
      }
      const reason = move.reason.trim();
      return reason === ''
        ? refuse('REASON_REQUIRED', 'Say why you reject it: the requester will read it.')
        : step('rejected', { decidedBy: by, decidedAt: at, rejectionReason: reason }, reason);
    }
    case 'pause':
      return schedule.state === 'active' && recurring
        ? step('paused')
        : notNow(schedule, recurring ? 'be paused' : 'be paused (cancel a one-time schedule)');
    case 'resume':
      return schedule.state === 'paused'
        ? step('active', { nextDueAt: move.nextDueAt })
        : notNow(schedule, 'be resumed');
    case 'cancel':
      return ['pending', 'active', 'paused'].includes(schedule.state)
        ? step('cancelled')
        : notNow(schedule, 'be cancelled');
    case 'edit': {
      if (!recurring || !['pending', 'active', 'paused'].includes(schedule.state)) {
        return notNow(
          schedule,
          recurring ? 'be edited' : 'be edited: cancel it and ask for the new time instead',
        );
      }
      // What the last approval set goes: the edited rule is approved again from scratch.
      const {
        bound: _bound,
        decidedBy: _by,
        decidedAt: _at,
        justification: _why,
        nextDueAt: _next,
        claim: _claim,
        ...unapproved
      } = schedule;
      return {
        ok: true,
        value: {
          ...unapproved,
          change: move.change,
          summary: move.summary,
          editedBy: by,
          timing: move.timing,
          ...(move.justification ? { justification: move.justification } : {}),
          state: 'pending',
          updatedAt: at,
          events: [...schedule.events, { type: 'edit' as const, by, at }].slice(
            -SCHEDULE_EVENTS_KEPT,
          ),
        },
      };
    }
    case 'runNow':
      return schedule.state === 'active' || (schedule.state === 'paused' && recurring)
        ? step(schedule.state)
        : notNow(schedule, 'run now');
  }
}
