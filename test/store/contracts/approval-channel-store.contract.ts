import { describe, expect, it } from 'vitest';
import type {
  ApprovalChannel,
  ApprovalChannelStore,
} from '../../../src/app/ports/approval-channel-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';
import { approver } from '../support/operation-fixtures.ts';

const channel = (tenantId: string, overrides: Partial<ApprovalChannel> = {}): ApprovalChannel => ({
  tenantId,
  conversationId: '19:licensing@thread.tacv2',
  setBy: approver,
  setAt: '2026-11-20T09:00:00.000Z',
  ...overrides,
});

/** What every `ApprovalChannelStore` must do, whatever keeps the data. */
export function approvalChannelStoreContract(
  name: string,
  makeStore: () => ApprovalChannelStore,
): void {
  describe(`${name} as an approval channel store`, () => {
    it('has no approvers’ conversation until one is set', async () => {
      expect(await makeStore().get(freshTenant())).toBeNull();
    });

    it('keeps the conversation set by `approvals here`, one per tenant', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const saved = await store.set(channel(tenantId));
      expect(saved.value).toEqual(channel(tenantId));
      expect(await store.get(tenantId)).toEqual(saved);
      expect(await store.get(freshTenant())).toBeNull();
    });

    it('moves to another conversation with the ETag read, and refuses a stale or blind write', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const first = await store.set(channel(tenantId));
      await expect(
        store.set(channel(tenantId, { conversationId: '19:other' })),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      const moved = await store.set(
        channel(tenantId, { conversationId: '19:group-chat' }),
        first.etag,
      );
      expect(moved.value.conversationId).toBe('19:group-chat');
      await expect(
        store.set(channel(tenantId, { conversationId: '19:stale' }), first.etag),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect((await store.get(tenantId))?.value.conversationId).toBe('19:group-chat');
    });

    it('is cleared with the ETag read, not over a newer setting, and only once', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const first = await store.set(channel(tenantId));
      const moved = await store.set(channel(tenantId, { conversationId: '19:moved' }), first.etag);
      await expect(store.clear(tenantId, first.etag)).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
      expect((await store.get(tenantId))?.value.conversationId).toBe('19:moved');
      expect(await store.clear(tenantId, moved.etag)).toBe(true);
      expect(await store.get(tenantId)).toBeNull();
      expect(await store.clear(tenantId, moved.etag)).toBe(false);
      // Set again afterwards, as `approvals here` does with nothing read.
      expect((await store.set(channel(tenantId))).value.conversationId).toBe(
        '19:licensing@thread.tacv2',
      );
    });
  });
}
