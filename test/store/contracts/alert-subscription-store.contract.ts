import { describe, expect, it } from 'vitest';
import type {
  AlertSubscription,
  AlertSubscriptionStore,
} from '../../../src/app/ports/alert-subscription-store.ts';
import { freshTenant } from '../support/embedded-store.ts';
import { approver } from '../support/operation-fixtures.ts';

const subscription = (
  tenantId: string,
  overrides: Partial<AlertSubscription> = {},
): AlertSubscription => ({
  tenantId,
  conversationId: '19:licensing@thread.tacv2',
  kind: 'channel',
  teamId: '19:team@thread.tacv2',
  subscribedBy: approver,
  subscribedAt: '2026-12-06T08:00:00.000Z',
  ...overrides,
});

/** What every `AlertSubscriptionStore` must do, whatever keeps the data. */
export function alertSubscriptionStoreContract(
  name: string,
  makeStore: () => AlertSubscriptionStore,
): void {
  describe(`${name} as an alert subscription store`, () => {
    it('lists no conversation until one subscribes', async () => {
      expect(await makeStore().list(freshTenant())).toEqual([]);
    });

    it('keeps each subscribed conversation of a tenant, oldest first, and no other tenant’s', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const chat = subscription(tenantId, {
        conversationId: '19:chat/with?odd#chars',
        kind: 'groupChat',
        teamId: undefined,
        subscribedAt: '2026-12-06T09:00:00.000Z',
      });
      delete chat.teamId;
      expect(await store.subscribe(chat)).toBe(true);
      expect(await store.subscribe(subscription(tenantId))).toBe(true);
      await store.subscribe(subscription(freshTenant()));
      expect(await store.list(tenantId)).toEqual([subscription(tenantId), chat]);
    });

    it('takes `alerts on` twice as one subscription, the newest words kept', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.subscribe(subscription(tenantId));
      const again = subscription(tenantId, {
        subscribedBy: { userId: 'approver-2', displayName: 'Patti Fernandez' },
      });
      expect(await store.subscribe(again)).toBe(false);
      expect(await store.list(tenantId)).toEqual([again]);
    });

    it('unsubscribes one conversation, once', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.subscribe(subscription(tenantId));
      await store.subscribe(subscription(tenantId, { conversationId: '19:other' }));
      expect(await store.unsubscribe(tenantId, '19:licensing@thread.tacv2')).toBe(true);
      expect(await store.unsubscribe(tenantId, '19:licensing@thread.tacv2')).toBe(false);
      expect((await store.list(tenantId)).map((s) => s.conversationId)).toEqual(['19:other']);
    });
  });
}
