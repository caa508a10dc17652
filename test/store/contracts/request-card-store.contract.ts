import { describe, expect, it } from 'vitest';
import type {
  RequestCardCopy,
  RequestCardStore,
} from '../../../src/app/ports/request-card-store.ts';
import { freshTenant } from '../support/embedded-store.ts';

const copy = (tenantId: string, overrides: Partial<RequestCardCopy> = {}): RequestCardCopy => ({
  tenantId,
  operationId: 'op-1',
  conversationId: 'a:personal-megan',
  activityId: 'activity-1',
  reference: { conversation: { id: 'a:personal-megan' }, serviceUrl: 'https://smba.example/' },
  audience: 'approvers',
  refreshUserIds: ['29:megan'],
  postedAt: '2026-11-20T09:00:00.000Z',
  ...overrides,
});

/** What every `RequestCardStore` must do, whatever keeps the data. */
export function requestCardStoreContract(name: string, makeStore: () => RequestCardStore): void {
  describe(`${name} as a request card store`, () => {
    it('has no copies of a request nobody posted', async () => {
      expect(await makeStore().list(freshTenant(), 'op-unknown')).toEqual([]);
    });

    it('lists every copy of a request in the order they were posted, with what redraws them', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const patti = copy(tenantId, {
        conversationId: '19:patti/chat#1',
        activityId: 'activity-2',
        postedAt: '2026-11-20T09:00:01.000Z',
      });
      const requester = copy(tenantId, {
        conversationId: 'a:personal-alex',
        activityId: 'activity-0',
        audience: 'requester',
        viewerUserId: '00000000-0000-0000-0000-0000000000020',
        postedAt: '2026-11-20T08:59:59.000Z',
      });
      const { refreshUserIds: _none, ...withoutRefresh } = requester;
      await store.add(patti);
      await store.add(copy(tenantId));
      await store.add(withoutRefresh);
      expect(await store.list(tenantId, 'op-1')).toEqual([withoutRefresh, copy(tenantId), patti]);
    });

    it('records the same message once, however often it is added', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.add(copy(tenantId));
      await store.add(copy(tenantId, { postedAt: '2026-11-21T00:00:00.000Z' }));
      expect(await store.list(tenantId, 'op-1')).toEqual([copy(tenantId)]);
    });

    it('keeps requests and tenants apart', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.add(copy(tenantId));
      await store.add(copy(tenantId, { operationId: 'op-2', activityId: 'activity-9' }));
      expect((await store.list(tenantId, 'op-2')).map((c) => c.activityId)).toEqual(['activity-9']);
      expect(await store.list(freshTenant(), 'op-1')).toEqual([]);
      // Copies are partitioned by operation: another tenant's copies of an operation of the same
      // id share the partition, and each tenant lists only its own.
      const other = freshTenant();
      await store.add(copy(other, { conversationId: 'a:their-chat' }));
      expect((await store.list(other, 'op-1')).map((c) => c.conversationId)).toEqual([
        'a:their-chat',
      ]);
      expect((await store.list(tenantId, 'op-1')).map((c) => c.tenantId)).toEqual([tenantId]);
    });

    it('refuses a copy that is not one', async () => {
      const store = makeStore();
      await expect(
        store.add({ ...copy(freshTenant()), audience: 'everyone' as 'approvers' }),
      ).rejects.toThrow();
    });
  });
}
