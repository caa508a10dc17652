import { describe, expect, it } from 'vitest';
import type { AlertSnapshotStore } from '../../../src/app/ports/alert-snapshot-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import type { AlertSnapshot } from '../../../src/domain/alerts/alert.ts';
import { freshTenant } from '../support/embedded-store.ts';

const snapshot = (tenantId: string, checkedAt = '2026-12-06T08:00:00.000Z'): AlertSnapshot => ({
  tenantId,
  checkedAt,
  alerts: [
    {
      finding: {
        id: 'group-errors:g1',
        kind: 'group-errors',
        fingerprint: 'users=3;CountViolation=3',
        title: 'Group "Contractors": 3 members without their licenses',
        users: 3,
        reason: 'Not enough licenses',
        fix: { kind: 'group', groupId: 'g1' },
      },
      openedAt: checkedAt,
      changedAt: checkedAt,
      deliveries: [
        {
          conversationId: '19:ops',
          activityId: 'a1',
          summary: false,
          fingerprint: 'users=3;CountViolation=3',
          solved: false,
          at: checkedAt,
        },
        {
          conversationId: '19:desk',
          summary: true,
          fingerprint: 'x',
          solved: false,
          at: checkedAt,
        },
      ],
    },
    {
      finding: {
        id: 'subscription:c1',
        kind: 'subscription',
        fingerprint: 'Warning',
        title: 'Microsoft 365 E3 expired',
        users: 0,
        reason: 'grace period',
        fix: { kind: 'admin-center', steps: 'Renew it' },
      },
      openedAt: checkedAt,
      changedAt: checkedAt,
      solvedAt: checkedAt,
      deliveries: [],
    },
  ],
});

/** What every `AlertSnapshotStore` must do, whatever keeps the data. */
export function alertSnapshotStoreContract(
  name: string,
  makeStore: () => AlertSnapshotStore,
): void {
  describe(`${name} as an alert snapshot store`, () => {
    it('has no snapshot before the first look', async () => {
      expect(await makeStore().get(freshTenant())).toBeNull();
    });

    it('keeps one snapshot per tenant, as written', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const saved = await store.save(snapshot(tenantId));
      expect(saved.value).toEqual(snapshot(tenantId));
      expect(await store.get(tenantId)).toEqual(saved);
      expect(await store.get(freshTenant())).toBeNull();
    });

    it('refuses a second first snapshot and a write over a newer one: only one instance records a look', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const first = await store.save(snapshot(tenantId));
      await expect(store.save(snapshot(tenantId))).rejects.toBeInstanceOf(ConcurrencyConflictError);
      const next = await store.save(snapshot(tenantId, '2026-12-06T08:05:00.000Z'), first.etag);
      await expect(
        store.save(snapshot(tenantId, '2026-12-06T08:06:00.000Z'), first.etag),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect(await store.get(tenantId)).toEqual(next);
    });
  });
}
