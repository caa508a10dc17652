import { describe, expect, it } from 'vitest';
import type { OperationStore } from '../../../src/app/ports/operation-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import { transition } from '../../../src/domain/operations/state-machine.ts';
import type { Actor, Operation } from '../../../src/domain/operations/operation.ts';
import { freshTenant } from '../support/embedded-store.ts';
import {
  approver,
  manager,
  pendingOperation,
  plannedImpact,
} from '../support/operation-fixtures.ts';

const approverActor: Actor = { kind: 'user', isApprover: true, ...approver };
const decidedAt = new Date('2026-11-20T10:00:00.000Z');

const approved = (operation: Operation, by: Actor = approverActor): Operation => {
  const result = transition(operation, { type: 'approve' }, by, decidedAt);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
};

/** What every `OperationStore` must do, whatever keeps the data. */
export function operationStoreContract(name: string, makeStore: () => OperationStore): void {
  describe(`${name} as an operation store`, () => {
    it('gives back a created operation as it was saved, with an ETag', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant(), { users: 3 });
      const created = await store.create(operation);
      expect(created.value).toEqual(operation);
      expect(created.etag).not.toBe('');
      expect(await store.get(operation.tenantId, operation.id)).toEqual(created);
    });

    it('keeps the impact saved with an operation, unchanged, through its transitions', async () => {
      const store = makeStore();
      const operation = { ...pendingOperation(freshTenant()), impact: plannedImpact };
      const created = await store.create(operation);
      expect(created.value.impact).toEqual(plannedImpact);
      await store.transition(
        operation.tenantId,
        operation.id,
        created.etag,
        approved(created.value),
      );
      await store.saveCheckpoint(operation.tenantId, operation.id, {
        counts: { planned: 1, sent: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 },
        at: decidedAt.toISOString(),
      });
      const read = await store.get(operation.tenantId, operation.id);
      expect(read?.value.state).toBe('approved');
      expect(read?.value.impact).toEqual(plannedImpact);
    });

    it('reads an operation saved without an impact (made before it was kept)', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant());
      await store.create(operation);
      const read = await store.get(operation.tenantId, operation.id);
      expect(read?.value).toEqual(operation);
      expect(read?.value).not.toHaveProperty('impact');
    });

    it("keeps an API request's fingerprint and an automatic approval's reason", async () => {
      const store = makeStore();
      const operation = { ...pendingOperation(freshTenant()), requestFingerprint: 'sha256:abc' };
      const created = await store.create(operation);
      const moved = transition(
        created.value,
        { type: 'autoApprove', reason: 'auto-approved for app hr' },
        { kind: 'system' },
        decidedAt,
      );
      if (!moved.ok) {
        throw new Error(moved.failure.message);
      }
      await store.transition(operation.tenantId, operation.id, created.etag, moved.value);
      const read = await store.get(operation.tenantId, operation.id);
      expect(read?.value.requestFingerprint).toBe('sha256:abc');
      expect(read?.value.events.at(-1)).toMatchObject({
        type: 'autoApprove',
        reason: 'auto-approved for app hr',
      });
    });

    it("lists every operation of a tenant newest first, page by page, and no other tenant's", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      for (const day of [2, 3, 1]) {
        await store.create(
          pendingOperation(tenantId, { now: new Date(Date.UTC(2026, 10, day, 9)) }),
        );
      }
      await store.create(
        pendingOperation(tenantId, {
          now: new Date(Date.UTC(2026, 10, 4, 9)),
          requester: { userId: 'someone-else', displayName: 'Alex Wilber' },
        }),
      );
      await store.create(pendingOperation(freshTenant()));

      const first = await store.listByTenant(tenantId, { pageSize: 2 });
      expect(first.continuationToken).toBeDefined();
      const seen = [...first.items];
      let token = first.continuationToken;
      while (token !== undefined) {
        const next = await store.listByTenant(tenantId, { pageSize: 2, continuationToken: token });
        seen.push(...next.items);
        token = next.continuationToken;
      }
      expect(seen.map((o) => new Date(o.createdAt).getUTCDate())).toEqual([4, 3, 2, 1]);
    });

    it('refuses to create the same operation twice', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant());
      await store.create(operation);
      await expect(store.create(operation)).rejects.toBeInstanceOf(ConcurrencyConflictError);
    });

    it('refuses an operation id that Cosmos could not store, before writing anything', async () => {
      const store = makeStore();
      const operation = { ...pendingOperation(freshTenant()), id: 'op/1' };
      await expect(store.create(operation)).rejects.toThrow(/may not contain/);
      expect(await store.listByState(operation.tenantId, 'pending')).toEqual({ items: [] });
    });

    it('does not show an operation to another tenant', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant());
      await store.create(operation);
      expect(await store.get(freshTenant(), operation.id)).toBeNull();
    });

    it('approves with the ETag read, and refuses a second approval made on the old ETag', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant());
      const created = await store.create(operation);
      const first = await store.transition(
        operation.tenantId,
        operation.id,
        created.etag,
        approved(created.value),
      );
      expect(first.value.state).toBe('approved');
      expect(first.value.decidedBy).toEqual(approver);
      expect(first.etag).not.toBe(created.etag);

      const other: Actor = {
        kind: 'user',
        isApprover: true,
        userId: 'approver-2',
        displayName: 'Lee Gu',
      };
      await expect(
        store.transition(
          operation.tenantId,
          operation.id,
          created.etag,
          approved(created.value, other),
        ),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect((await store.get(operation.tenantId, operation.id))?.value.decidedBy).toEqual(
        approver,
      );
    });

    it('lets exactly one of 50 concurrent approvals win', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant());
      const created = await store.create(operation);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, index) =>
          store.transition(
            operation.tenantId,
            operation.id,
            created.etag,
            approved(created.value, {
              kind: 'user',
              isApprover: true,
              userId: `approver-${index}`,
              displayName: `Approver ${index}`,
            }),
          ),
        ),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const outcome of lost) {
        expect(outcome.reason).toBeInstanceOf(ConcurrencyConflictError);
      }
      const stored = await store.get(operation.tenantId, operation.id);
      expect(stored?.value.events).toHaveLength(1);
      expect(stored?.value.decidedBy).toEqual(won[0]?.value.value.decidedBy);
    });

    it('saves a checkpoint without losing a transition made before it, and changes the ETag', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant(), { users: 2 });
      const created = await store.create(operation);
      const moved = await store.transition(
        operation.tenantId,
        operation.id,
        created.etag,
        approved(created.value),
      );
      const checkpoint = {
        counts: { planned: 1, sent: 0, done: 1, failed: 0, skipped: 0, cancelled: 0 },
        runner: 'instance-a',
        at: '2026-11-20T10:05:00.000Z',
      };
      const saved = await store.saveCheckpoint(operation.tenantId, operation.id, checkpoint);
      expect(saved.value.checkpoint).toEqual(checkpoint);
      expect(saved.value.state).toBe('approved');
      await expect(
        store.transition(operation.tenantId, operation.id, moved.etag, moved.value),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    });

    it('replaces the whole checkpoint, and refuses one for an operation that is not there', async () => {
      const store = makeStore();
      const operation = pendingOperation(freshTenant());
      await store.create(operation);
      await store.saveCheckpoint(operation.tenantId, operation.id, {
        counts: { planned: 1, sent: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 },
        failedAttempts: 3,
        failingSince: '2026-11-20T10:00:00.000Z',
        at: '2026-11-20T10:05:00.000Z',
      });
      const later = {
        counts: { planned: 0, sent: 0, done: 1, failed: 0, skipped: 0, cancelled: 0 },
        runner: 'instance-b',
        at: '2026-11-20T10:06:00.000Z',
      };
      await store.saveCheckpoint(operation.tenantId, operation.id, later);
      expect((await store.get(operation.tenantId, operation.id))?.value.checkpoint).toEqual(later);
      await expect(
        store.saveCheckpoint(operation.tenantId, 'no-such-operation', later),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    });

    it("lists a requester's operations newest first, page by page", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const days = [3, 1, 5, 2, 4];
      for (const day of days) {
        await store.create(
          pendingOperation(tenantId, { now: new Date(Date.UTC(2026, 10, day, 9)) }),
        );
      }
      await store.create(
        pendingOperation(tenantId, {
          requester: { userId: 'someone-else', displayName: 'Alex Wilber' },
        }),
      );
      await store.create(pendingOperation(freshTenant()));

      const first = await store.listByRequester(tenantId, manager.userId, { pageSize: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.continuationToken).toBeDefined();
      const seen = [...first.items];
      let token = first.continuationToken;
      while (token !== undefined) {
        const next = await store.listByRequester(tenantId, manager.userId, {
          pageSize: 2,
          continuationToken: token,
        });
        seen.push(...next.items);
        token = next.continuationToken;
      }
      expect(seen.map((o) => new Date(o.createdAt).getUTCDate())).toEqual([5, 4, 3, 2, 1]);
    });

    it('lists the operations in one state, and only those', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const a = await store.create(pendingOperation(tenantId));
      const b = await store.create(pendingOperation(tenantId));
      await store.transition(tenantId, a.value.id, a.etag, approved(a.value));
      const pending = await store.listByState(tenantId, 'pending');
      const approvedOnes = await store.listByState(tenantId, 'approved');
      expect(pending.items.map((o) => o.id)).toEqual([b.value.id]);
      expect(approvedOnes.items.map((o) => o.id)).toEqual([a.value.id]);
      expect(approvedOnes.continuationToken).toBeUndefined();
    });

    it('sweeps one state in one tenant, every page to the end, and no other tenant', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const mine: string[] = [];
      for (const day of [18, 16, 17, 19, 15]) {
        const created = await store.create(
          pendingOperation(tenantId, { now: new Date(Date.UTC(2026, 10, day, 9)) }),
        );
        const running = {
          ...approved(created.value),
          state: 'running' as const,
          startedAt: decidedAt.toISOString(),
        };
        await store.transition(tenantId, created.value.id, created.etag, running);
        mine.push(created.value.id);
      }
      await store.create(pendingOperation(tenantId));
      const elsewhere = await store.create(pendingOperation(freshTenant()));
      await store.transition(elsewhere.value.tenantId, elsewhere.value.id, elsewhere.etag, {
        ...approved(elsewhere.value),
        state: 'running',
        startedAt: decidedAt.toISOString(),
      });
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.listForSweep(
          { tenantId, state: 'running' },
          { pageSize: 2, ...(token !== undefined && { continuationToken: token }) },
        );
        seen.push(...page.items.map((operation) => operation.id));
        token = page.continuationToken;
        pages += 1;
      } while (token !== undefined);
      expect(seen.toSorted()).toEqual(mine.toSorted());
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    it('sweeps only the operations whose expiry has come, when asked for those', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      // Created on the 10th and the 20th: they expire on the 17th and the 27th.
      const early = await store.create(
        pendingOperation(tenantId, { now: new Date('2026-11-10T09:00:00.000Z') }),
      );
      await store.create(pendingOperation(tenantId, { now: new Date('2026-11-20T09:00:00.000Z') }));
      const due = await store.listForSweep({
        tenantId,
        state: 'pending',
        expiredBy: new Date(early.value.expiresAt),
      });
      expect(due.items.map((operation) => operation.id)).toEqual([early.value.id]);
      expect(due.continuationToken).toBeUndefined();
    });
  });
}
