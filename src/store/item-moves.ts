import { allowedItemMoves, ItemMoveNotAllowedError } from '../app/ports/operation-item-store.ts';
import type { ItemOutcome, StoredOperationItem } from '../app/ports/operation-item-store.ts';

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
