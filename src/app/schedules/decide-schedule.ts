import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import { describeScheduledChange } from '../../domain/schedules/describe-scheduled-change.ts';
import {
  moveSchedule,
  type ScheduleActor,
  type ScheduleMove,
  type ScheduleRefusal,
} from '../../domain/schedules/schedule-moves.ts';
import type { Schedule, ScheduleBound, ScheduleRun } from '../../domain/schedules/schedule.ts';
import type { Caller } from '../identity/caller.ts';
import { decideRequest } from '../requests/decide-request.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { ChangeCommand } from '../requests/request-outcome.ts';
import { checkTiming, nextDueAfter, timingOf } from './due-times.ts';
import { runDueTime } from './run-due-time.ts';
import { postScheduleCards } from './post-schedule-cards.ts';
import { saveRun } from './run-due-schedules.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';

/** What a person does to a schedule, as a card button or a typed command says. */
export type ScheduleDecision =
  | { kind: 'approve'; bound: ScheduleBound }
  | { kind: 'reject'; reason: string }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'cancel' }
  | { kind: 'delete' }
  | { kind: 'runNow' }
  | {
      kind: 'edit';
      command: ChangeCommand;
      when: ScheduleWhen;
      justification?: string;
      timeZone?: string;
    };

export type ScheduleDecisionOutcome =
  | { ok: true; schedule: Schedule; deleted?: boolean; run?: ScheduleRun }
  | {
      ok: false;
      refusal: ScheduleRefusal | { code: 'NOT_FOUND' | 'INVALID_TIME'; message: string };
    };

/** Someone wrote the schedule between our read and our write: their change stands. */
const raced = {
  ok: false as const,
  refusal: {
    code: 'NOT_ALLOWED' as const,
    message: 'Someone else changed this schedule at the same moment: look at it again.',
  },
};

const notFound = {
  ok: false as const,
  refusal: {
    code: 'NOT_FOUND' as const,
    message: 'I can find no such schedule in your organisation.',
  },
};

/** The move a decision makes, worked out from the schedule as read (its next due time). */
function moveFor(
  decision: Exclude<ScheduleDecision, { kind: 'delete' }>,
  schedule: Schedule,
  now: Date,
): ScheduleMove | { problem: string } {
  const next = () => nextDueAfter(schedule.timing, now)?.toISOString() ?? now.toISOString();
  switch (decision.kind) {
    case 'approve':
      return { type: 'approve', bound: decision.bound, nextDueAt: next() };
    case 'reject':
      return { type: 'reject', reason: decision.reason };
    case 'resume':
      return { type: 'resume', nextDueAt: next() };
    case 'edit': {
      const timing = timingOf(decision.when, decision.timeZone, now);
      const checked = checkTiming(timing, now);
      if (!checked.ok) {
        return { problem: checked.message };
      }
      return {
        type: 'edit',
        change: decision.command,
        summary: describeScheduledChange(decision.command),
        timing,
        ...(decision.justification ? { justification: decision.justification } : {}),
      };
    }
    default:
      return { type: decision.kind };
  }
}

/** A one-time schedule's operation ends with it: cancelled before it starts. */
async function cancelOperation(deps: ScheduleDependencies, caller: Caller, schedule: Schedule) {
  if (schedule.timing.kind !== 'once' || !schedule.operationId) {
    return;
  }
  const outcome = await decideRequest(deps.requests, caller, schedule.operationId, {
    kind: 'cancel',
  });
  if (!outcome.ok) {
    deps.logger.info(
      { scheduleId: schedule.id, refusal: outcome.refusal.code },
      "a one-time schedule's request was not cancelled with it",
    );
  }
}

/**
 * Approves, rejects, pauses, resumes, cancels, edits, deletes or runs a schedule now, as the
 * caller may (`moveSchedule` rules), under the ETag read: of two racing clicks one wins and the
 * other is answered from what it left. The owner is told of every change.
 */
export async function decideSchedule(
  deps: ScheduleDependencies,
  caller: Caller,
  scheduleId: string,
  decision: ScheduleDecision,
): Promise<ScheduleDecisionOutcome> {
  const current = await deps.schedules.get(caller.tenantId, scheduleId);
  if (!current) {
    return notFound;
  }
  const actor: ScheduleActor = {
    userId: caller.userId,
    displayName: caller.displayName,
    isApprover: caller.role === 'approver',
  };
  const now = deps.clock.now();
  const move = moveFor(
    decision.kind === 'delete' ? { kind: 'cancel' } : decision,
    current.value,
    now,
  );
  if ('problem' in move) {
    return { ok: false, refusal: { code: 'INVALID_TIME', message: move.problem } };
  }
  const deleting = decision.kind === 'delete';
  if (deleting && !actor.isApprover) {
    return {
      ok: false,
      refusal: {
        code: 'NOT_AN_APPROVER',
        message: 'Only license approvers can delete a schedule.',
      },
    };
  }
  const moved = moveSchedule(current.value, move, actor, now);
  if (!moved.ok && !deleting) {
    return { ok: false, refusal: moved.failure };
  }
  if (deleting) {
    return deleteSchedule(deps, caller, current);
  }
  const next = moved.ok ? moved.value : current.value;
  let saved: Versioned<Schedule>;
  try {
    saved = await deps.schedules.replace(next, current.etag);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return raced;
    }
    throw error;
  }
  if (decision.kind === 'cancel') {
    await cancelOperation(deps, caller, saved.value);
  }
  if (decision.kind === 'runNow') {
    const run = await runDueTime(deps, saved.value, { dueAt: now, late: false, runNow: true });
    const recorded = (await saveRun(deps, saved, run, { runNow: true })) ?? saved.value;
    return { ok: true, schedule: recorded, run };
  }
  await deps.notifier.changed(saved.value, saved.value.events.at(-1)!);
  if (decision.kind === 'edit') {
    // The old copies now show the edited rule (`changed`); new ones tell the approvers of it.
    const posted = await postScheduleCards(deps, saved, {
      suggestedBound: current.value.bound ?? { users: 10, seats: 10 },
    });
    return { ok: true, schedule: posted.value };
  }
  return { ok: true, schedule: saved.value };
}

/** Deletes a schedule (its runs' operations and history stay), ending a one-time one's request. */
async function deleteSchedule(
  deps: ScheduleDependencies,
  caller: Caller,
  current: Versioned<Schedule>,
): Promise<ScheduleDecisionOutcome> {
  let gone: boolean;
  try {
    gone = await deps.schedules.delete(caller.tenantId, current.value.id, current.etag);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return raced;
    }
    throw error;
  }
  if (!gone) {
    return notFound;
  }
  await cancelOperation(deps, caller, current.value);
  deps.logger.info({ scheduleId: current.value.id, by: caller.userId }, 'schedule deleted');
  return { ok: true, schedule: current.value, deleted: true };
}
