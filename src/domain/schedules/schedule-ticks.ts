import type { Result } from '../errors.ts';
import type { Schedule, ScheduleRun } from './schedule.ts';
import { SCHEDULE_EVENTS_KEPT } from './schedule-moves.ts';

/** Why an instance may not take a due time now. */
export type ClaimRefusal = 'NOT_DUE' | 'HELD';

/**
 * The schedule with this instance's claim on its due time, or why not: it is not active or not
 * due, or another instance holds an unexpired claim on it. A lapsed claim (its holder died) is
 * taken over; our own is renewed. Stored under the read ETag, one of two claimers wins.
 */
export function claimDueTime(
  schedule: Schedule,
  holder: string,
  now: Date,
  claimMs: number,
): Result<Schedule, ClaimRefusal> {
  const due = schedule.nextDueAt;
  if (schedule.state !== 'active' || due === undefined || Date.parse(due) > now.getTime()) {
    return { ok: false, failure: 'NOT_DUE' };
  }
  const claim = schedule.claim;
  const heldByOther =
    claim !== undefined &&
    claim.dueAt === due &&
    claim.holder !== holder &&
    Date.parse(claim.expiresAt) > now.getTime();
  if (heldByOther) {
    return { ok: false, failure: 'HELD' };
  }
  return {
    ok: true,
    value: {
      ...schedule,
      claim: { dueAt: due, holder, expiresAt: new Date(now.getTime() + claimMs).toISOString() },
      updatedAt: now.toISOString(),
    },
  };
}

/**
 * The schedule once a due time (or a run-now) was handled: its run recorded, its claim let go,
 * and the next due time set. A one-time schedule ends with its one due time: `done`, or
 * `cancelled` when its request could not start (cancelled, rejected, expired). `nextDueAt` is what the
 * caller computed after the tick; a run-now keeps the due time it had.
 */
export function recordRun(
  schedule: Schedule,
  run: ScheduleRun,
  next: { nextDueAt?: string; runNow?: boolean },
  now: Date,
): Schedule {
  const { claim: _claim, nextDueAt: _next, ...rest } = schedule;
  const once = schedule.timing.kind === 'once';
  const ended = once;
  const nextDueAt = next.runNow ? schedule.nextDueAt : next.nextDueAt;
  return {
    ...rest,
    ...(ended
      ? { state: run.result === 'problem' ? ('cancelled' as const) : ('done' as const) }
      : {}),
    ...(nextDueAt !== undefined && !ended ? { nextDueAt } : {}),
    // A run-now leaves another instance's claim on the regular due time as it was.
    ...(next.runNow && schedule.claim ? { claim: schedule.claim } : {}),
    lastRun: run,
    runCount: schedule.runCount + 1,
    updatedAt: now.toISOString(),
    events: schedule.events.slice(-SCHEDULE_EVENTS_KEPT),
  };
}
