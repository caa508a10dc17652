import type { Schedule } from '../../domain/schedules/schedule.ts';
import { ConcurrencyConflictError } from '../ports/stores.ts';
import type { ScheduleDependencies } from './schedule-deps.ts';

/**
 * Stores a new schedule; asked twice under one id (two clicks, a redelivery), the first one is
 * kept and returned (`created: false`).
 */
export async function saveSchedule(deps: ScheduleDependencies, schedule: Schedule) {
  try {
    return { created: true as const, saved: await deps.schedules.create(schedule) };
  } catch (error) {
    const before =
      error instanceof ConcurrencyConflictError &&
      (await deps.schedules.get(schedule.tenantId, schedule.id));
    if (before) {
      return { created: false as const, saved: before };
    }
    throw error;
  }
}
