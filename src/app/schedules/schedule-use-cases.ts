import type { Schedule } from '../../domain/schedules/schedule.ts';
import type { Caller } from '../identity/caller.ts';
import type { RequestOptions } from '../requests/request-outcome.ts';
import type { GroupLicenseCommand } from '../../domain/group-licenses/group-license-command.ts';
import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import { askGroupSchedule, type GroupScheduleOutcome } from './ask-group-schedule.ts';
import { askSchedule, type ScheduleAsk, type ScheduleAskOutcome } from './ask-schedule.ts';
import {
  decideSchedule,
  type ScheduleDecision,
  type ScheduleDecisionOutcome,
} from './decide-schedule.ts';
import { runDueSchedules, type DuePass } from './run-due-schedules.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';
import { settleOneTime } from './settle-one-time.ts';

export type { GroupScheduleOutcome } from './ask-group-schedule.ts';
export type { ScheduleAsk, ScheduleAskOutcome } from './ask-schedule.ts';
export type { ScheduleDecision, ScheduleDecisionOutcome } from './decide-schedule.ts';
export type { DuePass } from './run-due-schedules.ts';

/** Schedules: asking for a change at a time, deciding on them, listing them, and the job. */
export interface ScheduleUseCases {
  /** Asks for a change at a time (once, or a recurring rule for an approver to approve). */
  ask(caller: Caller, ask: ScheduleAsk, options?: RequestOptions): Promise<ScheduleAskOutcome>;
  /** Asks for a group license change at a time (once: a group license needs no rule). */
  askGroup(
    caller: Caller,
    ask: { command: GroupLicenseCommand; when: ScheduleWhen; timeZone?: string },
    options?: { operationId?: string },
  ): Promise<GroupScheduleOutcome>;
  /** Every schedule of the tenant, soonest due first. */
  list(tenantId: string): Promise<Schedule[]>;
  find(tenantId: string, scheduleId: string): Promise<Schedule | undefined>;
  /** Approve, reject, pause, resume, cancel, edit, delete or run now, as the caller may. */
  decide(
    caller: Caller,
    scheduleId: string,
    decision: ScheduleDecision,
  ): Promise<ScheduleDecisionOutcome>;
  /** One pass of the job: each due time of the tenants' schedules run once, by one instance. */
  runDue(tenantIds: readonly string[]): Promise<DuePass>;
}

/** The schedule use cases over `deps`, wired once by the composition root. */
export function scheduleUseCases(deps: ScheduleDependencies): ScheduleUseCases {
  return {
    ask: (caller, ask, options) => askSchedule(deps, caller, ask, options),
    askGroup: (caller, ask, options) => askGroupSchedule(deps, caller, ask, options),
    list: async (tenantId) =>
      Promise.all((await deps.schedules.list(tenantId)).map((entry) => settleOneTime(deps, entry))),
    find: async (tenantId, scheduleId) => (await deps.schedules.get(tenantId, scheduleId))?.value,
    decide: (caller, scheduleId, decision) => decideSchedule(deps, caller, scheduleId, decision),
    runDue: (tenantIds) => runDueSchedules(deps, tenantIds),
  };
}

// How the edges word a schedule's times: part of the slice's face, as its outcomes are.
export { checkTiming, describeTiming, formatDue, nextDueAfter } from './due-times.ts';
