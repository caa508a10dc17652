import type { ItemState, OperationItem } from '../../domain/operations/operation.ts';
import type { Page, PageRequest } from './paging.ts';
import type { Versioned } from './stores.ts';

/** One user's item as stored, with the operation it belongs to. */
export type StoredOperationItem = OperationItem & { operationId: string; tenantId: string };

/** How an item may move: `planned → sent → done | failed | skipped` (and a planned one may settle unsent). */
export const allowedItemMoves: Readonly<Record<ItemState, readonly ItemState[]>> = {
  planned: ['sent', 'skipped', 'failed', 'cancelled'],
  sent: ['done', 'failed', 'skipped', 'cancelled'],
  done: [],
  failed: [],
  skipped: [],
  cancelled: [],
};

/** A move the item's lifecycle forbids (a settled item sent again): a bug in the caller. */
export class ItemMoveNotAllowedError extends Error {
  override readonly name = 'ItemMoveNotAllowedError';
  readonly code = 'ITEM_MOVE_NOT_ALLOWED';
}

/** A page of items: `afterItemId` starts after that item (in item id order). */
export type ItemPageRequest = PageRequest & { afterItemId?: string };

/** An item the caller holds under `etag`, and where it moves. */
export interface HeldMove {
  held: StoredOperationItem;
  etag: string;
  outcome: ItemOutcome;
}

/** What happened to one item, as the runner records it. */
export type ItemOutcome = Pick<OperationItem, 'state' | 'note' | 'failure'>;

/**
 * The per-user items of operations (one per user, id = the item id). Items are written before
 * Graph is called, and every move is guarded by the ETag the runner read. Items are stored by
 * operation, not by tenant: every read and move names the tenant too, and an item of another
 * tenant under the same operation id is never returned nor moved.
 */
export interface OperationItemStore {
  /** Writes every item of an operation; items already there are left as they are (retry-safe). */
  createAll(
    tenantId: string,
    operationId: string,
    items: readonly OperationItem[],
  ): Promise<{ created: number; alreadyThere: number }>;
  get(
    tenantId: string,
    operationId: string,
    itemId: string,
  ): Promise<Versioned<StoredOperationItem> | null>;
  /**
   * Moves an item to the outcome's state if it still has `expectedEtag`: a stale ETag is a
   * `ConcurrencyConflictError`, a forbidden move an `ItemMoveNotAllowedError`. `current`, the
   * item as the caller holds it under that ETag, spares the store reading it first (a run moves
   * every item twice: one write each instead of a read and a write).
   */
  move(
    tenantId: string,
    operationId: string,
    itemId: string,
    expectedEtag: string,
    outcome: ItemOutcome,
    current?: StoredOperationItem,
  ): Promise<Versioned<StoredOperationItem>>;
  /**
   * Moves several items the caller holds, as `move` would one by one, in as few writes as the
   * store can (Cosmos: one transactional batch). Each comes back moved, or `conflict` when its
   * ETag was stale (another runner has it); a forbidden move, or an item held of another tenant,
   * is an `ItemMoveNotAllowedError`.
   */
  moveHeld(
    tenantId: string,
    operationId: string,
    moves: readonly HeldMove[],
  ): Promise<(Versioned<StoredOperationItem> | 'conflict')[]>;
  /**
   * An operation's items in one state, in item id order, paged: by continuation token, or from
   * after an item id (a cursor that stays right while items leave the state being read).
   */
  listByState(
    tenantId: string,
    operationId: string,
    state: ItemState,
    page?: ItemPageRequest,
  ): Promise<Page<Versioned<StoredOperationItem>>>;
  /** How many items are in each state, for the checkpoint and the progress card. */
  countByState(tenantId: string, operationId: string): Promise<Record<ItemState, number>>;
}
