import type { Schedule } from '../../domain/schedules/schedule.ts';
import type { ScheduleStore } from '../../app/ports/schedule-store.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { bySoonestDue, scheduleSchema } from '../cosmos-schedule-store.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `ScheduleStore` in memory; passes the same contract suite as `CosmosScheduleStore`. */
export class MemoryScheduleStore implements ScheduleStore {
  readonly #schedules = new VersionedMap<Schedule>();

  create(schedule: Schedule): Promise<Versioned<Schedule>> {
    return settle(() => {
      const valid = scheduleSchema.parse(schedule);
      return this.#schedules.create(key(valid.tenantId, valid.id), valid);
    });
  }

  get(tenantId: string, scheduleId: string): Promise<Versioned<Schedule> | undefined> {
    return Promise.resolve(this.#schedules.get(key(tenantId, scheduleId)) ?? undefined);
  }

  replace(schedule: Schedule, etag: string): Promise<Versioned<Schedule>> {
    return settle(() => {
      const valid = scheduleSchema.parse(schedule);
      return this.#schedules.replace(key(valid.tenantId, valid.id), valid, etag);
    });
  }

  delete(tenantId: string, scheduleId: string, etag: string): Promise<boolean> {
    return settle(() => this.#schedules.delete(key(tenantId, scheduleId), etag));
  }

  list(tenantId: string): Promise<Versioned<Schedule>[]> {
    return Promise.resolve(this.#of(tenantId).sort(bySoonestDue));
  }

  due(tenantId: string, now: Date): Promise<Versioned<Schedule>[]> {
    const at = now.toISOString();
    return Promise.resolve(
      this.#of(tenantId)
        .filter(
          ({ value }) =>
            value.state === 'active' && value.nextDueAt !== undefined && value.nextDueAt <= at,
        )
        .sort(bySoonestDue),
    );
  }

  #of(tenantId: string): Versioned<Schedule>[] {
    return this.#schedules.values().filter((item) => item.value.tenantId === tenantId);
  }
}

const key = (tenantId: string, scheduleId: string): string => `${tenantId}\n${scheduleId}`;
