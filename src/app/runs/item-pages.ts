import type { ItemState } from '../../domain/operations/operation.ts';
import type { StoredOperationItem } from '../ports/operation-item-store.ts';
import type { Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

const PAGE_SIZE = 500;

/**
 * Every item of an operation in `state`, a page at a time by a cursor on the item id: moving the
 * items of a page out of `state` before asking for the next one skips nothing, and memory holds
 * one page whatever the operation's size.
 */
export async function* itemsIn(
  deps: Pick<RequestDependencies, 'operationItems'>,
  tenantId: string,
  operationId: string,
  state: ItemState,
): AsyncGenerator<Versioned<StoredOperationItem>[]> {
  let after: string | undefined;
  for (;;) {
    const page = await deps.operationItems.listByState(tenantId, operationId, state, {
      pageSize: PAGE_SIZE,
      ...(after === undefined ? {} : { afterItemId: after }),
    });
    if (page.items.length === 0) {
      return;
    }
    yield page.items;
    after = page.items.at(-1)!.value.itemId;
  }
}
