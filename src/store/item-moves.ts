import { allowedItemMoves, ItemMoveNotAllowedError } from '../app/ports/operation-item-store.ts';
import type {
  HeldMove,
  ItemOutcome,
  OperationItemStore,
  StoredOperationItem,
} from '../app/ports/operation-item-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../app/ports/stores.ts';

/** The item after `outcome`, or why that move is not allowed. Both item stores use it. */
export function nextItem(current: StoredOperationItem, outcome: ItemOutcome): StoredOperationItem {
  if (!allowedItemMoves[current.state].includes(outcome.state)) {
    throw new ItemMoveNotAllowedError(
      `Item ${current.itemId} of operation ${current.operationId} cannot move from ${current.state} to ${outcome.state}.`,
    );
  }
  const { note: _note, failure: _failure, ...rest } = current;
  return {
    ...rest,
    state: outcome.state,
    ...(outcome.note !== undefined && { note: outcome.note }),
    ...(outcome.failure !== undefined && { failure: outcome.failure }),
  };
}

/** Refuses held items of another tenant or operation before anything is written: a caller's bug. */
export function refuseOtherTenants(
  tenantId: string,
  operationId: string,
  moves: readonly HeldMove[],
): void {
  const stranger = moves.find(
    ({ held }) => held.tenantId !== tenantId || held.operationId !== operationId,
  );
  if (stranger !== undefined) {
    throw new ItemMoveNotAllowedError(
      `Item ${stranger.held.itemId} is not an item of operation ${operationId} of tenant ${tenantId}.`,
    );
  }
}

/** Held items moved one `move` each, a stale ETag coming back as `conflict`. */
export function moveEach(
  store: Pick<OperationItemStore, 'move'>,
  tenantId: string,
  operationId: string,
  moves: readonly HeldMove[],
): Promise<(Versioned<StoredOperationItem> | 'conflict')[]> {
  return Promise.all(
    moves.map(async ({ held, etag, outcome }) => {
      try {
        return await store.move(tenantId, operationId, held.itemId, etag, outcome, held);
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) {
          return 'conflict' as const;
        }
        throw error;
      }
    }),
  );
}
