import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/domain/schedules/schedule.ts';
import type { ScheduleStore } from '../../../src/app/ports/schedule-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import type { Versioned } from '../../../src/app/ports/stores.ts';
import { aSchedule } from '../../support/schedules.ts';
import { freshTenant } from '../support/embedded-store.ts';

const SYSTEM_FIELDS = ['_rid', '_ts', '_self', '_etag', '_attachments'];

const ids = (found: Versioned<Schedule>[]): string[] => found.map((item) => item.value.id);

const conflict = (promise: Promise<unknown>): Promise<void> =>
  expect(promise).rejects.toBeInstanceOf(ConcurrencyConflictError);

/** What every `ScheduleStore` must do, whatever keeps the data. */
export function scheduleStoreContract(name: string, makeStore: () => ScheduleStore): void {
  describe(`${name} as a schedule store`, () => {
    it('creates a schedule and reads it back with an ETag', async () => {
      const store = makeStore();
      const schedule = aSchedule({ tenantId: freshTenant() });
      const created = await store.create(schedule);
      expect(created.value).toEqual(schedule);
      expect(created.etag).toEqual(expect.any(String));
      expect(await store.get(schedule.tenantId, schedule.id)).toEqual(created);
    });

    it('reads nothing for an id it does not hold, or for another tenant', async () => {
      const store = makeStore();
      const schedule = aSchedule({ tenantId: freshTenant() });
      await store.create(schedule);
      expect(await store.get(schedule.tenantId, 'schedule-none')).toBeUndefined();
      expect(await store.get(freshTenant(), schedule.id)).toBeUndefined();
    });

    it('refuses a second schedule with a taken id', async () => {
      const store = makeStore();
      const schedule = aSchedule({ tenantId: freshTenant() });
      await store.create(schedule);
      await conflict(store.create({ ...schedule, summary: 'another' }));
      expect((await store.get(schedule.tenantId, schedule.id))?.value.summary).toBe(
        schedule.summary,
      );
    });

    it('replaces with the current ETag and hands back a new one', async () => {
      const store = makeStore();
      const created = await store.create(aSchedule({ tenantId: freshTenant() }));
      const next = {
        ...created.value,
        state: 'paused' as const,
        updatedAt: '2026-12-06T09:00:00.000Z',
      };
      const replaced = await store.replace(next, created.etag);
      expect(replaced.value).toEqual(next);
      expect(replaced.etag).not.toBe(created.etag);
      expect(await store.get(next.tenantId, next.id)).toEqual(replaced);
    });

    it('refuses a replace with an old ETag', async () => {
      const store = makeStore();
      const created = await store.create(aSchedule({ tenantId: freshTenant() }));
      const replaced = await store.replace({ ...created.value, runCount: 1 }, created.etag);
      await conflict(store.replace({ ...created.value, runCount: 2 }, created.etag));
      expect(await store.get(created.value.tenantId, created.value.id)).toEqual(replaced);
    });

    it('lets exactly one of two instances claim one due time', async () => {
      const store = makeStore();
      const created = await store.create(aSchedule({ tenantId: freshTenant() }));
      const claimBy = (holder: string): Schedule => ({
        ...created.value,
        claim: { dueAt: '2026-12-07T01:00:00.000Z', holder, expiresAt: '2026-12-07T01:05:00.000Z' },
      });
      const results = await Promise.allSettled([
        store.replace(claimBy('instance-a'), created.etag),
        store.replace(claimBy('instance-b'), created.etag),
      ]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result) => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(ConcurrencyConflictError);
      const stored = await store.get(created.value.tenantId, created.value.id);
      expect(stored).toEqual(won[0]?.value);
    });

    it('refuses a replace of a schedule deleted meanwhile', async () => {
      const store = makeStore();
      const created = await store.create(aSchedule({ tenantId: freshTenant() }));
      await store.delete(created.value.tenantId, created.value.id, created.etag);
      await conflict(store.replace({ ...created.value, runCount: 1 }, created.etag));
    });

    it('deletes with the current ETag, refuses a stale one, and finds a missing one gone', async () => {
      const store = makeStore();
      const created = await store.create(aSchedule({ tenantId: freshTenant() }));
      const { tenantId, id } = created.value;
      const replaced = await store.replace({ ...created.value, runCount: 1 }, created.etag);
      await conflict(store.delete(tenantId, id, created.etag));
      expect(await store.get(tenantId, id)).toEqual(replaced);
      expect(await store.delete(tenantId, id, replaced.etag)).toBe(true);
      expect(await store.get(tenantId, id)).toBeUndefined();
      expect(await store.delete(tenantId, id, replaced.etag)).toBe(false);
      expect(await store.delete(tenantId, 'schedule-never', replaced.etag)).toBe(false);
    });

    it('lists a tenant’s schedules only, soonest due first and those with nothing due last', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const later = aSchedule({ tenantId, id: 'later', nextDueAt: '2026-12-09T01:00:00.000Z' });
      const undated = aSchedule({ tenantId, id: 'undated', state: 'done', nextDueAt: undefined });
      const sooner = aSchedule({ tenantId, id: 'sooner', nextDueAt: '2026-12-07T01:00:00.000Z' });
      const paused = aSchedule({
        tenantId,
        id: 'paused',
        state: 'paused',
        nextDueAt: '2026-12-08T01:00:00.000Z',
      });
      for (const schedule of [later, undated, sooner, paused]) {
        await store.create(schedule);
      }
      await store.create(aSchedule({ tenantId: freshTenant(), id: 'elsewhere' }));
      const listed = await store.list(tenantId);
      expect(ids(listed)).toEqual(['sooner', 'paused', 'later', 'undated']);
      expect(listed.map((item) => item.value)).toEqual([sooner, paused, later, undated]);
      expect(await store.get(tenantId, 'undated')).toEqual(listed[3]);
      expect(await store.list(freshTenant())).toEqual([]);
    });

    it('lists more schedules than one page holds', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const count = 130;
      await Promise.all(
        Array.from({ length: count }, (_, index) =>
          store.create(
            aSchedule({
              tenantId,
              id: `s-${String(index).padStart(3, '0')}`,
              nextDueAt: `2026-12-07T01:${String(index % 60).padStart(2, '0')}:00.000Z`,
            }),
          ),
        ),
      );
      const listed = await store.list(tenantId);
      expect(listed).toHaveLength(count);
      const times = listed.map((item) => item.value.nextDueAt ?? '');
      expect(times).toEqual([...times].sort());
    });

    it('gives the active schedules due by now, soonest first, and nothing else', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const now = new Date('2026-12-07T01:00:00.000Z');
      const at = (iso: string, id: string, state: Schedule['state'] = 'active'): Schedule =>
        aSchedule({ tenantId, id, state, nextDueAt: iso });
      const dueNow = at('2026-12-07T01:00:00.000Z', 'due-now');
      const overdue = at('2026-12-06T23:30:00.000Z', 'overdue');
      const schedules = [
        dueNow,
        at('2026-12-07T01:00:00.001Z', 'not-yet'),
        overdue,
        at('2026-12-06T23:00:00.000Z', 'paused', 'paused'),
        at('2026-12-06T23:00:00.000Z', 'pending', 'pending'),
        aSchedule({ tenantId, id: 'done', state: 'done', nextDueAt: undefined }),
        aSchedule({ tenantId, id: 'active-undated', nextDueAt: undefined }),
      ];
      for (const schedule of schedules) {
        await store.create(schedule);
      }
      await store.create(aSchedule({ tenantId: freshTenant(), id: 'elsewhere' }));
      const due = await store.due(tenantId, now);
      expect(due.map((item) => item.value)).toEqual([overdue, dueNow]);
      expect(due[0]).toEqual(await store.get(tenantId, 'overdue'));
      expect(await store.due(tenantId, new Date('2026-12-06T00:00:00.000Z'))).toEqual([]);
    });

    it('hands values back without Cosmos system fields', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.create(aSchedule({ tenantId }));
      const replaced = await store.replace({ ...created.value, runCount: 1 }, created.etag);
      const values = [
        created.value,
        replaced.value,
        (await store.get(tenantId, created.value.id))?.value,
        ...(await store.list(tenantId)).map((item) => item.value),
        ...(await store.due(tenantId, new Date('2030-01-01T00:00:00.000Z'))).map(
          (item) => item.value,
        ),
      ];
      expect(values).toHaveLength(5);
      for (const value of values) {
        expect(value).toBeDefined();
        for (const field of SYSTEM_FIELDS) {
          expect(value).not.toHaveProperty(field);
        }
      }
    });
  });
}
