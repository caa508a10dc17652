import { noItems, type ItemState, type OperationItem } from '../../domain/operations/operation.ts';
import { ItemMoveNotAllowedError } from '../../app/ports/operation-item-store.ts';
import type {
  HeldMove,
  ItemOutcome,
  ItemPageRequest,
  OperationItemStore,
  StoredOperationItem,
} from '../../app/ports/operation-item-store.ts';
import { ConcurrencyConflictError } from '../../app/ports/stores.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { moveEach, nextItem, refuseOtherTenants } from '../item-moves.ts';
import { storedOperationItemSchema } from '../operation-documents.ts';
import type { Page } from '../paging.ts';
import { pageOf } from './memory-pages.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `OperationItemStore` in memory; passes the same contract suite as the Cosmos one. */
export class MemoryOperationItemStore implements OperationItemStore {
  readonly #items = new VersionedMap<StoredOperationItem>();

  createAll(
    tenantId: string,
    operationId: string,
    items: readonly OperationItem[],
  ): Promise<{ created: number; alreadyThere: number }> {
    return settle(() => {
      const stored = items.map((item) =>
        storedOperationItemSchema.parse({ ...item, operationId, tenantId }),
      );
      let created = 0;
      for (const item of stored) {
        if (!this.#items.has(key(operationId, item.itemId))) {
          this.#items.create(key(operationId, item.itemId), item);
          created += 1;
        }
      }
      return { created, alreadyThere: items.length - created };
    });
  }

  get(
    tenantId: string,
    operationId: string,
    itemId: string,
  ): Promise<Versioned<StoredOperationItem> | null> {
    return Promise.resolve(this.#mine(tenantId, this.#items.get(key(operationId, itemId))));
  }

  move(
    tenantId: string,
    operationId: string,
    itemId: string,
    expectedEtag: string,
    outcome: ItemOutcome,
    // The stored copy is at hand here: a held one saves nothing.
    _held?: StoredOperationItem,
  ): Promise<Versioned<StoredOperationItem>> {
    return settle(() => {
      const current = this.#mine(tenantId, this.#items.get(key(operationId, itemId)));
      if (current === null) {
        throw new ItemMoveNotAllowedError(
          `Item ${itemId} of operation ${operationId} does not exist.`,
        );
      }
      if (current.etag !== expectedEtag) {
        throw new ConcurrencyConflictError(
          `Item ${itemId} of operation ${operationId} was changed by someone else; read it again.`,
        );
      }
      return this.#items.replace(
        key(operationId, itemId),
        nextItem(current.value, outcome),
        expectedEtag,
      );
    });
  }

  async moveHeld(
    tenantId: string,
    operationId: string,
    moves: readonly HeldMove[],
  ): Promise<(Versioned<StoredOperationItem> | 'conflict')[]> {
    refuseOtherTenants(tenantId, operationId, moves);
    return moveEach(this, tenantId, operationId, moves);
  }

  listByState(
    tenantId: string,
    operationId: string,
    state: ItemState,
    page?: ItemPageRequest,
  ): Promise<Page<Versioned<StoredOperationItem>>> {
    const after = page?.afterItemId;
    const found = this.#of(tenantId, operationId)
      .filter((item) => item.value.state === state)
      .filter((item) => after === undefined || compare(item.value.itemId, after) > 0)
      .sort((a, b) => compare(a.value.itemId, b.value.itemId));
    return Promise.resolve(pageOf(found, page));
  }

  countByState(tenantId: string, operationId: string): Promise<Record<ItemState, number>> {
    const counts: Record<ItemState, number> = noItems();
    for (const item of this.#of(tenantId, operationId)) {
      counts[item.value.state] += 1;
    }
    return Promise.resolve(counts);
  }

  #of(tenantId: string, operationId: string): Versioned<StoredOperationItem>[] {
    return this.#items
      .values()
      .filter((item) => item.value.operationId === operationId && item.value.tenantId === tenantId);
  }

  // Keyed by operation as Cosmos partitions them: an item of another tenant there is not ours.
  #mine(
    tenantId: string,
    found: Versioned<StoredOperationItem> | null,
  ): Versioned<StoredOperationItem> | null {
    return found !== null && found.value.tenantId === tenantId ? found : null;
  }
}

const key = (operationId: string, itemId: string): string => `${operationId}\n${itemId}`;
// Code-unit order, as Cosmos sorts strings.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
