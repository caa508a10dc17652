import type { Schedule } from '../../domain/schedules/schedule.ts';
import type { Versioned } from './stores.ts';

/**
 * Schedules (the `schedules` container, partition `/tenantId`). Every write but `create` is
 * guarded by the ETag the caller read: of two instances claiming one due time, one wins and the
 * other gets `ConcurrencyConflictError`.
 */
export interface ScheduleStore {
  /** Stores a new schedule; `ConcurrencyConflictError` when the id is taken. */
  create(schedule: Schedule): Promise<Versioned<Schedule>>;
  get(tenantId: string, scheduleId: string): Promise<Versioned<Schedule> | undefined>;
  /** Replaces it if nobody wrote it since `etag`; `ConcurrencyConflictError` otherwise. */
  replace(schedule: Schedule, etag: string): Promise<Versioned<Schedule>>;
  /** Deletes it if nobody wrote it since `etag`; false when it was gone already. */
  delete(tenantId: string, scheduleId: string, etag: string): Promise<boolean>;
  /** Every schedule of the tenant, soonest due first (those with nothing due last). */
  list(tenantId: string): Promise<Versioned<Schedule>[]>;
  /** The tenant's `active` schedules due by `now` (`nextDueAt <= now`), soonest first. */
  due(tenantId: string, now: Date): Promise<Versioned<Schedule>[]>;
}
