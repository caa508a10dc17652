import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import type { UserPreferences, UserPreferencesStore } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';

const preferences = (overrides: Partial<UserPreferences> = {}): UserPreferences => ({
  tenantId: 'tenant',
  userId: 'user-1',
  defaultUsageLocation: 'FR',
  welcomed: true,
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

/** What every `UserPreferencesStore` must do, whatever keeps the data. */
export function userPreferencesStoreContract(
  name: string,
  makeStore: () => UserPreferencesStore,
): void {
  describe(`${name} as a user preferences store`, () => {
    it('answers null for a user who has none', async () => {
      expect(await makeStore().get(freshTenant(), 'user-1')).toBeNull();
    });

    it('creates preferences and gives them back with the same ETag', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(preferences({ tenantId }));
      expect(created.value).toEqual(preferences({ tenantId }));
      expect(created.etag).not.toBe('');
      expect(await store.get(tenantId, 'user-1')).toEqual(created);
    });

    it('replaces preferences with the current ETag and hands out a new one', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(preferences({ tenantId }));
      const changed = preferences({
        tenantId,
        defaultUsageLocation: 'DE',
        updatedAt: '2026-11-02T00:00:00.000Z',
      });
      const replaced = await store.save(changed, created.etag);
      expect(replaced.value).toEqual(changed);
      expect(replaced.etag).not.toBe(created.etag);
      expect(await store.get(tenantId, 'user-1')).toEqual(replaced);
    });

    it('refuses a write with a stale ETag and keeps what was there', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(preferences({ tenantId }));
      const current = await store.save(
        preferences({ tenantId, defaultUsageLocation: 'DE' }),
        created.etag,
      );
      await expect(
        store.save(preferences({ tenantId, defaultUsageLocation: 'US' }), created.etag),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect(await store.get(tenantId, 'user-1')).toEqual(current);
    });

    it('refuses to create preferences that someone else created meanwhile', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const first = await store.save(preferences({ tenantId }));
      const error = await store
        .save(preferences({ tenantId, welcomed: false }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyConflictError);
      expect((error as ConcurrencyConflictError).code).toBe('CONCURRENCY_CONFLICT');
      expect(await store.get(tenantId, 'user-1')).toEqual(first);
    });

    it('lets exactly one of two writers holding the same ETag win', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(preferences({ tenantId }));
      const outcomes = await Promise.allSettled(
        ['DE', 'US'].map((location) =>
          store.save(preferences({ tenantId, defaultUsageLocation: location }), created.etag),
        ),
      );
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]?.reason).toBeInstanceOf(ConcurrencyConflictError);
      expect(await store.get(tenantId, 'user-1')).toEqual(winners[0]?.value);
    });

    it("keeps each tenant's users apart", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(preferences({ tenantId }));
      expect(await store.get(freshTenant(), 'user-1')).toBeNull();
      expect(await store.get(tenantId, 'user-2')).toBeNull();
    });
  });
}
