import { describe, expect, it } from 'vitest';
import { usersOf } from '../../src/domain/operations/new-operation.ts';
import { transition } from '../../src/domain/operations/state-machine.ts';
import { freshTenant, useEmbeddedStore } from './support/embedded-store.ts';
import { pendingOperationWithItems } from './support/operation-fixtures.ts';

/** Cosmos refuses an item over 2 MB; the operation must stay far below it whatever its size. */
const COSMOS_ITEM_LIMIT = 2 * 1024 * 1024;

describe('the operation document of a request for 100,000 users', () => {
  const store = useEmbeddedStore();

  it('stays a few kilobytes: the users are items of their own, the card names the first 20', async () => {
    const { operation, items } = pendingOperationWithItems(freshTenant(), { users: 100_000 });
    expect(items).toHaveLength(100_000);
    expect(operation).toMatchObject(usersOf(items));
    expect(operation.firstUsers).toHaveLength(20);
    const bytes = Buffer.byteLength(JSON.stringify(operation));
    expect(bytes).toBeLessThan(8 * 1024);

    // Stored and read back whole, approved under its ETag like any other request.
    const saved = await store().operations.create(operation);
    const approved = transition(
      saved.value,
      { type: 'approve' },
      { kind: 'user', userId: 'approver-1', displayName: 'Megan Bowen', isApprover: true },
      new Date('2026-11-20T09:05:00.000Z'),
    );
    expect(approved.ok).toBe(true);
    const stored = await store().operations.transition(
      operation.tenantId,
      operation.id,
      saved.etag,
      approved.ok ? approved.value : saved.value,
    );
    expect(stored.value).toMatchObject({ state: 'approved', userCount: 100_000 });
    expect(Buffer.byteLength(JSON.stringify(stored.value))).toBeLessThan(COSMOS_ITEM_LIMIT / 200);
  });
});
