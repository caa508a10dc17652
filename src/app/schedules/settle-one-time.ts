import { recordRun } from '../../domain/schedules/schedule-ticks.ts';
import type { Schedule } from '../../domain/schedules/schedule.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';

const ENDED = new Set(['cancelled', 'rejected', 'expired']);

/**
 * A one-time schedule whose request ended before its time (cancelled on its card, rejected,
 * expired) is ended too when it is read, so `schedules` never shows a run that will not come.
 * A lost race leaves it as read: the writer's state is the newer one.
 */
export async function settleOneTime(
  deps: ScheduleDependencies,
  entry: Versioned<Schedule>,
): Promise<Schedule> {
  const schedule = entry.value;
  if (schedule.timing.kind !== 'once' || schedule.state !== 'active' || !schedule.operationId) {
    return schedule;
  }
  const operation = await deps.requests.operations.get(schedule.tenantId, schedule.operationId);
  const state = operation?.value.state;
  if (state !== undefined && !ENDED.has(state)) {
    return schedule;
  }
  const now = deps.clock.now();
  const ended = recordRun(
    schedule,
    {
      dueAt: schedule.nextDueAt ?? now.toISOString(),
      ranAt: now.toISOString(),
      result: 'problem',
      message: state
        ? `Not started: its request was ${state} before its time.`
        : 'Its request is gone.',
      ...(state ? { operationId: schedule.operationId, operationState: state } : {}),
    },
    {},
    now,
  );
  try {
    return (await deps.schedules.replace(ended, entry.etag)).value;
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return schedule;
    }
    throw error;
  }
}
