import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ItemMoveNotAllowedError } from '../../../src/app/ports/operation-item-store.ts';
import type { OperationItemStore } from '../../../src/app/ports/operation-item-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';
import { pendingOperationWithItems } from '../support/operation-fixtures.ts';

const failure = {
  code: 'NO_SEATS' as const,
  message: 'There are no Microsoft 365 E3 licenses left.',
  retryable: false,
  graphCode: 'Request_BadRequest',
  httpStatus: 400,
};

/** What every `OperationItemStore` must do, whatever keeps the data. */
export function operationItemStoreContract(
  name: string,
  makeStore: () => OperationItemStore,
): void {
  describe(`${name} as an operation item store`, () => {
    it('creates every item of a bulk operation once, even when written again', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant(), { users: 60 });
      expect(await store.createAll(operation.tenantId, operation.id, items)).toEqual({
        created: 60,
        alreadyThere: 0,
      });
      // A resumed process writes the same items again: nothing new, nothing reset.
      const first = await store.get(operation.tenantId, operation.id, items[0]!.itemId);
      await store.move(operation.tenantId, operation.id, items[0]!.itemId, first!.etag, {
        state: 'sent',
      });
      expect(await store.createAll(operation.tenantId, operation.id, items)).toEqual({
        created: 0,
        alreadyThere: 60,
      });
      expect(await store.countByState(operation.tenantId, operation.id)).toEqual({
        planned: 59,
        sent: 1,
        done: 0,
        failed: 0,
        skipped: 0,
        cancelled: 0,
      });
    });

    it('gives an item back as planned, with its operation', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant());
      await store.createAll(operation.tenantId, operation.id, items);
      const item = await store.get(operation.tenantId, operation.id, items[0]!.itemId);
      expect(item?.value).toEqual({
        ...items[0],
        operationId: operation.id,
        tenantId: operation.tenantId,
      });
      expect(await store.get(operation.tenantId, randomUUID(), items[0]!.itemId)).toBeNull();
    });

    it('moves an item planned → sent → failed and keeps the failure', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant());
      const itemId = items[0]!.itemId;
      await store.createAll(operation.tenantId, operation.id, items);
      const planned = await store.get(operation.tenantId, operation.id, itemId);
      const sent = await store.move(operation.tenantId, operation.id, itemId, planned!.etag, {
        state: 'sent',
      });
      expect(sent.value.state).toBe('sent');
      const failed = await store.move(operation.tenantId, operation.id, itemId, sent.etag, {
        state: 'failed',
        failure,
        note: failure.message,
      });
      expect(await store.get(operation.tenantId, operation.id, itemId)).toEqual(failed);
      expect(failed.value.failure).toEqual(failure);
    });

    it('refuses a move made on a stale ETag, so an item is never sent twice', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant());
      const itemId = items[0]!.itemId;
      await store.createAll(operation.tenantId, operation.id, items);
      const planned = await store.get(operation.tenantId, operation.id, itemId);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          store.move(operation.tenantId, operation.id, itemId, planned!.etag, { state: 'sent' }),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect(outcome.reason).toBeInstanceOf(ConcurrencyConflictError);
      }
    });

    it('moves an item held by the caller in one write, and refuses it on a stale ETag', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant());
      const itemId = items[0]!.itemId;
      await store.createAll(operation.tenantId, operation.id, items);
      const planned = (await store.get(operation.tenantId, operation.id, itemId))!;
      const sent = await store.move(
        operation.tenantId,
        operation.id,
        itemId,
        planned.etag,
        { state: 'sent' },
        planned.value,
      );
      expect((await store.get(operation.tenantId, operation.id, itemId))?.value.state).toBe('sent');
      // A second runner still holding the planned copy and its ETag loses: never sent twice.
      await expect(
        store.move(
          operation.tenantId,
          operation.id,
          itemId,
          planned.etag,
          { state: 'sent' },
          planned.value,
        ),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      const done = await store.move(
        operation.tenantId,
        operation.id,
        itemId,
        sent.etag,
        { state: 'done' },
        sent.value,
      );
      expect(done.value).toMatchObject({ state: 'done', itemId });
      // A held copy in a state that may not move there is refused before anything is written.
      await expect(
        store.move(
          operation.tenantId,
          operation.id,
          itemId,
          done.etag,
          { state: 'sent' },
          done.value,
        ),
      ).rejects.toBeInstanceOf(ItemMoveNotAllowedError);
    });

    it('moves a batch of held items at once, telling each one another runner took', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant(), { users: 20 });
      await store.createAll(operation.tenantId, operation.id, items);
      const held = (
        await store.listByState(operation.tenantId, operation.id, 'planned', { pageSize: 20 })
      ).items;
      expect(held).toHaveLength(20);
      // Another runner marks the fifth sent first: its ETag no longer holds.
      await store.move(operation.tenantId, operation.id, held[4]!.value.itemId, held[4]!.etag, {
        state: 'sent',
      });
      const moved = await store.moveHeld(
        operation.tenantId,
        operation.id,
        held.map(({ value, etag }) => ({ held: value, etag, outcome: { state: 'sent' } })),
      );
      expect(moved[4]).toBe('conflict');
      expect(moved.filter((entry) => entry === 'conflict')).toHaveLength(1);
      for (const entry of moved.filter((each) => each !== 'conflict')) {
        expect(entry.value.state).toBe('sent');
        // The ETag given back is the item's own: the next move under it goes through.
        await store.move(operation.tenantId, operation.id, entry.value.itemId, entry.etag, {
          state: 'done',
        });
      }
      expect(await store.countByState(operation.tenantId, operation.id)).toMatchObject({
        sent: 1,
        done: 19,
      });
      expect(await store.moveHeld(operation.tenantId, operation.id, [])).toEqual([]);
      // An all-fresh batch moves in one go.
      const again = pendingOperationWithItems(freshTenant(), { users: 3 });
      await store.createAll(again.operation.tenantId, again.operation.id, again.items);
      const fresh = (
        await store.listByState(again.operation.tenantId, again.operation.id, 'planned')
      ).items;
      const all = await store.moveHeld(
        again.operation.tenantId,
        again.operation.id,
        fresh.map(({ value, etag }) => ({ held: value, etag, outcome: { state: 'sent' } })),
      );
      expect(all.map((entry) => entry !== 'conflict' && entry.value.state)).toEqual([
        'sent',
        'sent',
        'sent',
      ]);
    });

    it('refuses to move a settled item again', async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant());
      const itemId = items[0]!.itemId;
      await store.createAll(operation.tenantId, operation.id, items);
      const planned = await store.get(operation.tenantId, operation.id, itemId);
      const sent = await store.move(operation.tenantId, operation.id, itemId, planned!.etag, {
        state: 'sent',
      });
      const done = await store.move(operation.tenantId, operation.id, itemId, sent.etag, {
        state: 'done',
      });
      await expect(
        store.move(operation.tenantId, operation.id, itemId, done.etag, { state: 'sent' }),
      ).rejects.toBeInstanceOf(ItemMoveNotAllowedError);
      await expect(
        store.move(operation.tenantId, operation.id, itemId, done.etag, {
          state: 'failed',
          failure,
        }),
      ).rejects.toBeInstanceOf(ItemMoveNotAllowedError);
      expect((await store.get(operation.tenantId, operation.id, itemId))?.value.state).toBe('done');
    });

    it("never reads nor moves another tenant's items under the same operation id", async () => {
      const store = makeStore();
      // Items are partitioned by operation: two tenants' operations of one id share a partition.
      const ours = pendingOperationWithItems(freshTenant(), { users: 2 });
      const theirTenant = freshTenant();
      const theirs = ours.items.map((item) => ({ ...item, itemId: `their-${item.itemId}` }));
      await store.createAll(ours.operation.tenantId, ours.operation.id, ours.items);
      await store.createAll(theirTenant, ours.operation.id, theirs);
      const opId = ours.operation.id;
      const listed = async (tenantId: string) =>
        (await store.listByState(tenantId, opId, 'planned')).items.map((i) => i.value.itemId);
      expect(await listed(theirTenant)).toEqual(theirs.map((item) => item.itemId));
      expect(await listed(ours.operation.tenantId)).toEqual(ours.items.map((item) => item.itemId));
      expect(await store.countByState(theirTenant, opId)).toMatchObject({ planned: 2 });
      const ourItem = ours.items[0]!.itemId;
      expect(await store.get(theirTenant, opId, ourItem)).toBeNull();
      expect(await store.listByState(freshTenant(), opId, 'planned')).toMatchObject({ items: [] });

      // A move asked for by the other tenant finds nothing to move, held copy or not.
      const held = (await store.get(ours.operation.tenantId, opId, ourItem))!;
      await expect(
        store.move(theirTenant, opId, ourItem, held.etag, { state: 'sent' }),
      ).rejects.toBeInstanceOf(ItemMoveNotAllowedError);
      await expect(
        store.move(theirTenant, opId, ourItem, held.etag, { state: 'sent' }, held.value),
      ).rejects.toBeInstanceOf(ItemMoveNotAllowedError);
      await expect(
        store.moveHeld(theirTenant, opId, [
          { held: held.value, etag: held.etag, outcome: { state: 'sent' } },
        ]),
      ).rejects.toBeInstanceOf(ItemMoveNotAllowedError);
      expect((await store.get(ours.operation.tenantId, opId, ourItem))?.value.state).toBe(
        'planned',
      );
    });

    it("lists an operation's items in one state page by page, each with its ETag", async () => {
      const store = makeStore();
      const { operation, items } = pendingOperationWithItems(freshTenant(), { users: 7 });
      await store.createAll(operation.tenantId, operation.id, items);
      const { operation: other, items: otherItems } = pendingOperationWithItems(freshTenant(), {
        users: 2,
      });
      await store.createAll(other.tenantId, other.id, otherItems);
      for (const itemId of ['user-0001', 'user-0004']) {
        const item = await store.get(operation.tenantId, operation.id, itemId);
        await store.move(operation.tenantId, operation.id, itemId, item!.etag, { state: 'sent' });
      }
      const listed: { itemId: string; etag: string }[] = [];
      let token: string | undefined;
      do {
        const page = await store.listByState(operation.tenantId, operation.id, 'planned', {
          pageSize: 2,
          ...(token !== undefined && { continuationToken: token }),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        listed.push(...page.items.map((item) => ({ itemId: item.value.itemId, etag: item.etag })));
        token = page.continuationToken;
      } while (token !== undefined);
      expect(listed.map((item) => item.itemId).sort()).toEqual([
        'user-0000',
        'user-0002',
        'user-0003',
        'user-0005',
        'user-0006',
      ]);
      // The ETag a listing gives is good for the next move.
      const skipped = await store.move(
        operation.tenantId,
        operation.id,
        listed[0]!.itemId,
        listed[0]!.etag,
        {
          state: 'skipped',
          note: 'Already has it',
        },
      );
      expect(skipped.value.state).toBe('skipped');
      const sent = await store.listByState(operation.tenantId, operation.id, 'sent');
      expect(sent.items.map((item) => item.value.itemId).sort()).toEqual([
        'user-0001',
        'user-0004',
      ]);
      expect(await store.countByState(operation.tenantId, operation.id)).toEqual({
        planned: 4,
        sent: 2,
        done: 0,
        failed: 0,
        skipped: 1,
        cancelled: 0,
      });
    });
  });
}
