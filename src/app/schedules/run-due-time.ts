import type { Schedule, ScheduleRun } from '../../domain/schedules/schedule.ts';
import type { Caller } from '../identity/caller.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { Versioned } from '../ports/stores.ts';
import { requestLicenseChange } from '../requests/request-license.ts';
import { describeTiming, formatDue } from './due-times.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';

/** One due time to handle: the regular one (claimed) or an approver's run-now. */
export interface DueTime {
  dueAt: Date;
  late: boolean;
  runNow: boolean;
}

const compact = (at: Date): string => at.toISOString().replace(/[-:.]/g, '');

/**
 * The operation id of a due time: the same for every instance that takes it, so one that takes
 * over a lapsed claim finds the operation the dead one stored, never makes a second.
 */
export const runOperationId = (schedule: Schedule, due: DueTime): string =>
  `${schedule.id}-${due.runNow ? 'now-' : ''}${compact(due.dueAt)}`;

function lateNote(schedule: Schedule, due: DueTime): string {
  return due.late
    ? ` Late: it was due ${formatDue(due.dueAt, schedule.timing.timeZone)}, when License Desk was not running.`
    : '';
}

/** An approved operation held for its time, moved to start now (an approver's run-now). */
async function startingNow(
  deps: ScheduleDependencies,
  found: Versioned<StoredOperation>,
): Promise<StoredOperation> {
  const { value } = found;
  if (value.state !== 'approved' || value.startAt === undefined) {
    return value;
  }
  const now = deps.clock.now().toISOString();
  const saved = await deps.requests.operations.transition(value.tenantId, value.id, found.etag, {
    ...value,
    startAt: now,
    updatedAt: now,
  });
  return saved.value;
}

/** A one-time schedule's due time: its operation, approved when asked, starts now. */
async function runOnce(deps: ScheduleDependencies, schedule: Schedule, due: DueTime) {
  const base = { dueAt: due.dueAt.toISOString(), ranAt: deps.clock.now().toISOString() };
  const late = due.late ? { late: true } : {};
  const found = schedule.operationId
    ? await deps.requests.operations.get(schedule.tenantId, schedule.operationId)
    : undefined;
  if (!found) {
    return { ...base, ...late, result: 'problem' as const, message: 'Its request is gone.' };
  }
  const operation = due.runNow ? await startingNow(deps, found) : found.value;
  const ids = { operationId: operation.id, operationState: operation.state };
  switch (operation.state) {
    case 'approved':
      deps.runs.start(schedule.tenantId, operation.id);
      return {
        ...base,
        ...late,
        ...ids,
        result: 'started' as const,
        message: `Started: ${operation.summary}.${lateNote(schedule, due)}`,
      };
    case 'pending':
      return {
        ...base,
        ...late,
        ...ids,
        result: 'askedApproval' as const,
        message: 'Still waiting for approval: it starts as soon as it is approved.',
      };
    default:
      return {
        ...base,
        ...late,
        ...ids,
        result: 'problem' as const,
        message: `Not started: its request is ${operation.state}.`,
      };
  }
}

/**
 * A recurring rule's due time: its selection read anew and planned as a request by its owner;
 * within the approved bound it runs at once, beyond it an approver is asked. Users already as
 * the rule asks are left out, so a nightly run of a large group stores only its new members.
 */
async function runRule(
  deps: ScheduleDependencies,
  schedule: Schedule,
  due: DueTime,
): Promise<ScheduleRun> {
  if (schedule.change === undefined) {
    // Only a one-time group license change has none, and it never gets here: said, not thrown.
    return {
      dueAt: due.dueAt.toISOString(),
      ranAt: deps.clock.now().toISOString(),
      result: 'problem',
      message: 'This rule names no change: edit it or delete it.',
    };
  }
  const owner: Caller = {
    tenantId: schedule.tenantId,
    userId: schedule.owner.userId,
    displayName: schedule.owner.displayName,
    userPrincipalName: '',
    role: 'requester',
  };
  const outcome = await requestLicenseChange(
    deps.requests,
    owner,
    schedule.change,
    schedule.justification,
    {
      operationId: runOperationId(schedule, due),
      confirmed: true,
      scheduled: {
        bound: schedule.bound ?? { users: 0, seats: 0 },
        origin: {
          scheduleId: schedule.id,
          timing: describeTiming(schedule.timing),
          timeZone: schedule.timing.timeZone,
          dueAt: due.dueAt.toISOString(),
          ...(due.late ? { late: true } : {}),
          ...(schedule.decidedBy ? { ruleApprovedBy: schedule.decidedBy } : {}),
        },
      },
    },
  );
  const base = {
    dueAt: due.dueAt.toISOString(),
    ranAt: deps.clock.now().toISOString(),
    ...(due.late ? { late: true } : {}),
  };
  const late = lateNote(schedule, due);
  switch (outcome.kind) {
    case 'runNow':
    case 'alreadyAsked': {
      const operation = outcome.operation.value;
      if (operation.state === 'pending') {
        return {
          ...base,
          operationId: operation.id,
          operationState: operation.state,
          result: 'askedApproval',
          message: `Waiting for approval: ${operation.summary}.${late}`,
        };
      }
      deps.runs.start(schedule.tenantId, operation.id);
      if (outcome.kind === 'runNow') {
        await deps.notifier.runStarted(schedule, operation);
      }
      return {
        ...base,
        operationId: operation.id,
        operationState: operation.state,
        result: 'started',
        message: `${operation.summary}.${late}`,
      };
    }
    case 'pending':
      await deps.requests.notifier.asked?.(outcome.operation.value, {
        impact: outcome.impact,
        reasons: outcome.reasons,
      });
      return {
        ...base,
        operationId: outcome.operation.value.id,
        operationState: 'pending',
        result: 'askedApproval',
        message: `Not run, an approver is asked: ${outcome.reasons.join(' ')}${late}`,
      };
    case 'nothingToDo':
      return {
        ...base,
        result: 'nothingToDo',
        message: `Nothing to do: ${outcome.message}${late}`,
      };
    case 'problem':
      return { ...base, result: 'problem', message: `${outcome.message}${late}` };
    case 'chooseUser':
      return {
        ...base,
        result: 'problem',
        message: `"${outcome.typed}" names more than one person now: edit the schedule to say which.`,
      };
    case 'chooseLicense':
      return { ...base, result: 'problem', message: `${outcome.message}${late}` };
    case 'confirmSelection':
      return { ...base, result: 'problem', message: 'The selection needs confirming.' };
  }
}

/** Handles one due time of a schedule and says what it did (nothing here throws for a problem
 * of the change: a group gone or a SKU renamed is a run with a message for the owner). */
export function runDueTime(
  deps: ScheduleDependencies,
  schedule: Schedule,
  due: DueTime,
): Promise<ScheduleRun> {
  return schedule.timing.kind === 'once'
    ? runOnce(deps, schedule, due)
    : runRule(deps, schedule, due);
}
