import type { DirectoryUser } from '../../domain/licensing.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { StoredOperationItem } from '../ports/operation-item-store.ts';
import type { Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

const PAGE_SIZE = 500;
/** Graph reads `id in (…)` with at most 15 values. */
const READ_CHUNK = 15;

/** An item a runner left `sent`, with its user as the directory has them now (none: gone). */
export interface LeftSent {
  stored: Versioned<StoredOperationItem>;
  user: DirectoryUser | undefined;
}

/**
 * The items of an operation left `sent` — nobody knows whether Graph got them — each with its
 * user read anew: 15 users a read (`id in (…)`), never one read per user, the items a page at a
 * time by a cursor (settling them while reading moves nothing the cursor has not passed).
 */
export async function* leftSent(
  deps: RequestDependencies,
  operation: Pick<StoredOperation, 'tenantId' | 'id'>,
): AsyncGenerator<LeftSent[]> {
  const operationId = operation.id;
  const directory = deps.directory.forTenant(operation.tenantId);
  let after: string | undefined;
  for (;;) {
    const page = await deps.operationItems.listByState(operation.tenantId, operationId, 'sent', {
      pageSize: PAGE_SIZE,
      ...(after === undefined ? {} : { afterItemId: after }),
    });
    if (page.items.length === 0) {
      return;
    }
    for (let start = 0; start < page.items.length; start += READ_CHUNK) {
      const chunk = page.items.slice(start, start + READ_CHUNK);
      const users = await directory.findUsers(chunk.map(({ value }) => value.userId));
      yield chunk.map((stored) => ({ stored, user: users.get(stored.value.userId) }));
    }
    after = page.items.at(-1)!.value.itemId;
  }
}
