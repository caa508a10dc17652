import type { GroupLicenseCommand } from '../../domain/group-licenses/group-license-command.ts';
import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import type { Schedule } from '../../domain/schedules/schedule.ts';
import { askGroupLicense, type GroupLicenseOutcome } from '../group-licenses/ask-group-license.ts';
import type { Caller } from '../identity/caller.ts';
import type { Versioned } from '../ports/stores.ts';
import { checkTiming, describeTiming, timingOf } from './due-times.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';
import { saveSchedule } from './save-schedule.ts';

/** What became of a group license change with a time. */
export type GroupScheduleOutcome =
  | Exclude<GroupLicenseOutcome, { kind: 'pending' | 'alreadyAsked' }>
  | {
      kind: 'scheduledOnce';
      schedule: Versioned<Schedule>;
      request: Extract<GroupLicenseOutcome, { kind: 'pending' | 'alreadyAsked' }>;
    }
  | { kind: 'scheduleAskedBefore'; schedule: Versioned<Schedule> };

/**
 * Asks for a group license change at a time: the request is stored now (a group license always
 * waits for an approver) with its start time, and a one-time schedule starts it then. A group
 * license already reaches members as they come and go, so it has no recurring rule.
 */
export async function askGroupSchedule(
  deps: ScheduleDependencies,
  caller: Caller,
  ask: { command: GroupLicenseCommand; when: ScheduleWhen; timeZone?: string },
  options: { operationId?: string } = {},
): Promise<GroupScheduleOutcome> {
  const now = deps.clock.now();
  const timing = timingOf(ask.when, ask.timeZone, now);
  const checked = checkTiming(timing, now);
  if (!checked.ok || timing.kind !== 'once') {
    return {
      kind: 'problem',
      message: checked.ok
        ? 'Schedule a group license change once, not on a rule.'
        : checked.message,
    };
  }
  const id = options.operationId ?? deps.newId();
  const before = await deps.schedules.get(caller.tenantId, id);
  if (before) {
    return { kind: 'scheduleAskedBefore', schedule: before };
  }
  const request = await askGroupLicense(deps.requests, caller, ask.command, {
    operationId: id,
    startAt: checked.firstDue,
    origin: {
      scheduleId: id,
      timing: describeTiming(timing),
      timeZone: timing.timeZone,
      dueAt: checked.firstDue.toISOString(),
    },
  });
  if (request.kind !== 'pending' && request.kind !== 'alreadyAsked') {
    return request;
  }
  const owner = { userId: caller.userId, displayName: caller.displayName };
  const at = now.toISOString();
  const { saved } = await saveSchedule(deps, {
    id,
    tenantId: caller.tenantId,
    state: 'active',
    owner,
    summary: request.operation.value.summary,
    ...(ask.command.justification ? { justification: ask.command.justification } : {}),
    timing,
    operationId: request.operation.value.id,
    nextDueAt: checked.firstDue.toISOString(),
    runCount: 0,
    createdAt: at,
    updatedAt: at,
    events: [{ type: 'request', by: owner, at }],
  });
  return { kind: 'scheduledOnce', schedule: saved, request };
}
