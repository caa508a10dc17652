import { describeScheduledChange } from '../../domain/schedules/describe-scheduled-change.ts';
import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import { seatsTaken } from '../../domain/schedules/run-bound.ts';
import type { Schedule, ScheduleTiming } from '../../domain/schedules/schedule.ts';
import type { Caller } from '../identity/caller.ts';
import type { SchedulePreview } from '../ports/schedule-notifier.ts';
import type { Versioned } from '../ports/stores.ts';
import { judgeRequest } from '../requests/plan-request.ts';
import { requestLicenseChange } from '../requests/request-license.ts';
import type { ChangeCommand, RequestOptions, RequestOutcome } from '../requests/request-outcome.ts';
import { checkTiming, describeTiming, timingOf } from './due-times.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';
import { postScheduleCards } from './post-schedule-cards.ts';
import { saveSchedule } from './save-schedule.ts';

/** What became of a request with a time. */
export type ScheduleAskOutcome =
  | Exclude<RequestOutcome, { kind: 'pending' | 'runNow' | 'alreadyAsked' }>
  /** A one-time schedule: its operation, pending approval or approved to start at its time. */
  | {
      kind: 'scheduledOnce';
      schedule: Versioned<Schedule>;
      request: Extract<RequestOutcome, { kind: 'pending' | 'runNow' | 'alreadyAsked' }>;
    }
  /** A recurring rule, waiting for an approver; what it would do if it ran now. */
  | { kind: 'scheduledRule'; schedule: Versioned<Schedule>; preview: SchedulePreview }
  /** Asked before under the same id (a second click, a redelivery). */
  | { kind: 'scheduleAskedBefore'; schedule: Versioned<Schedule> };

/** A change with its time, as the bot passes it on. */
export interface ScheduleAsk {
  command: ChangeCommand;
  when: ScheduleWhen;
  justification?: string;
  /** Teams' `localTimezone` of the requester: the zone of a time typed without one. */
  timeZone?: string;
}

/** The bound a new rule is offered with: today's run, with room to grow, and at least 10. */
function suggestedBound(changeCount: number, seats: number) {
  const room = (value: number) => Math.max(10, Math.ceil(value * 1.5));
  return { users: room(changeCount), seats: room(seats) };
}

function newSchedule(
  id: string,
  caller: Caller,
  ask: ScheduleAsk,
  timing: ScheduleTiming,
  now: Date,
): Schedule {
  const at = now.toISOString();
  const owner = { userId: caller.userId, displayName: caller.displayName };
  return {
    id,
    tenantId: caller.tenantId,
    state: 'pending',
    owner,
    change: ask.command,
    summary: describeScheduledChange(ask.command),
    ...(ask.justification ? { justification: ask.justification } : {}),
    timing,
    runCount: 0,
    createdAt: at,
    updatedAt: at,
    events: [{ type: 'request', by: owner, at }],
  };
}

/**
 * Asks for a change at a time: once (the operation is planned and stored now, approved now or
 * sent for approval, and started at its time) or recurring (a rule an approver approves once,
 * with a bound per run; what it would do now is shown on its card).
 */
export async function askSchedule(
  deps: ScheduleDependencies,
  caller: Caller,
  ask: ScheduleAsk,
  options: RequestOptions = {},
): Promise<ScheduleAskOutcome> {
  const now = deps.clock.now();
  const timing = timingOf(ask.when, ask.timeZone, now);
  const checked = checkTiming(timing, now);
  if (!checked.ok) {
    return { kind: 'problem', message: checked.message };
  }
  const id = options.operationId ?? deps.newId();
  const before = await deps.schedules.get(caller.tenantId, id);
  if (before) {
    return { kind: 'scheduleAskedBefore', schedule: before };
  }
  if (timing.kind === 'once') {
    return askOnce(deps, caller, ask, timing, { ...options, operationId: id }, checked.firstDue);
  }
  if (ask.command.selection?.kind === 'file') {
    return {
      kind: 'problem',
      message:
        'A file is read once, so it cannot repeat: schedule it once ("at 2027-01-15 22:00"), or select a group or a filter to repeat.',
    };
  }
  const judged = await judgeRequest(deps.requests, caller, ask.command, {
    ...options,
    confirmed: true,
  });
  let preview: SchedulePreview;
  if (judged.ok) {
    const { impact } = judged.value.plan;
    preview = { impact, suggestedBound: suggestedBound(impact.changeCount, seatsTaken(impact)) };
  } else if (judged.outcome.kind === 'nothingToDo') {
    // Nothing to do today is a rule's usual start: it is for the members who come later.
    preview = { nothingNow: judged.outcome.message, suggestedBound: suggestedBound(0, 0) };
  } else {
    return judged.outcome;
  }
  const { created, saved } = await saveSchedule(deps, newSchedule(id, caller, ask, timing, now));
  if (!created) {
    return { kind: 'scheduleAskedBefore', schedule: saved };
  }
  deps.logger.info(
    { scheduleId: id, timing: describeTiming(timing) },
    'recurring schedule asked for',
  );
  const posted = await postScheduleCards(deps, saved, preview);
  return { kind: 'scheduledRule', schedule: posted, preview };
}

/** A one-time schedule: the request stored now with its start time, and the schedule beside it. */
async function askOnce(
  deps: ScheduleDependencies,
  caller: Caller,
  ask: ScheduleAsk,
  timing: ScheduleTiming,
  options: RequestOptions & { operationId: string },
  firstDue: Date,
): Promise<ScheduleAskOutcome> {
  const request = await requestLicenseChange(
    deps.requests,
    caller,
    ask.command,
    ask.justification,
    {
      ...options,
      startAt: firstDue,
      scheduled: {
        origin: {
          scheduleId: options.operationId,
          timing: describeTiming(timing),
          timeZone: timing.timeZone,
          dueAt: firstDue.toISOString(),
        },
      },
    },
  );
  if (request.kind !== 'pending' && request.kind !== 'runNow' && request.kind !== 'alreadyAsked') {
    return request;
  }
  if (request.kind === 'pending') {
    await deps.requests.notifier.asked?.(request.operation.value, {
      impact: request.impact,
      reasons: request.reasons,
    });
  }
  const schedule: Schedule = {
    ...newSchedule(options.operationId, caller, ask, timing, deps.clock.now()),
    state: 'active',
    summary: request.operation.value.summary,
    operationId: request.operation.value.id,
    nextDueAt: firstDue.toISOString(),
  };
  const { saved } = await saveSchedule(deps, schedule);
  return { kind: 'scheduledOnce', schedule: saved, request };
}
