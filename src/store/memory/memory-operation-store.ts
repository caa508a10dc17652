import type { OperationState } from '../../domain/operations/operation.ts';
import type {
  OperationCheckpoint,
  OperationStore,
  StoredOperation,
  SweepQuery,
} from '../../app/ports/operation-store.ts';
import { ConcurrencyConflictError } from '../../app/ports/stores.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { storedOperationSchema } from '../operation-documents.ts';
import type { Page, PageRequest } from '../paging.ts';
import { pageOf } from './memory-pages.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `OperationStore` in memory; passes the same contract suite as `CosmosOperationStore`. */
export class MemoryOperationStore implements OperationStore {
  readonly #items = new VersionedMap<StoredOperation>();

  create(operation: StoredOperation): Promise<Versioned<StoredOperation>> {
    return settle(() =>
      this.#items.create(
        key(operation.tenantId, operation.id),
        storedOperationSchema.parse(operation),
      ),
    );
  }

  get(tenantId: string, id: string): Promise<Versioned<StoredOperation> | null> {
    return Promise.resolve(this.#items.get(key(tenantId, id)));
  }

  transition(
    tenantId: string,
    id: string,
    expectedEtag: string,
    next: StoredOperation,
  ): Promise<Versioned<StoredOperation>> {
    return settle(() => {
      if (next.id !== id || next.tenantId !== tenantId) {
        throw new Error(`transition: operation ${next.id} is not ${tenantId}/${id}.`);
      }
      return this.#items.replace(
        key(tenantId, id),
        storedOperationSchema.parse(next),
        expectedEtag,
      );
    });
  }

  saveCheckpoint(
    tenantId: string,
    id: string,
    checkpoint: OperationCheckpoint,
  ): Promise<Versioned<StoredOperation>> {
    return settle(() => {
      const current = this.#items.get(key(tenantId, id));
      if (current === null) {
        throw new ConcurrencyConflictError(`Operation ${id} does not exist (any more).`);
      }
      return this.#items.replace(key(tenantId, id), { ...current.value, checkpoint }, current.etag);
    });
  }

  listByTenant(tenantId: string, page?: PageRequest): Promise<Page<StoredOperation>> {
    return Promise.resolve(
      pageOf(
        this.#newest(tenantId, () => true),
        page,
      ),
    );
  }

  listByRequester(
    tenantId: string,
    requesterId: string,
    page?: PageRequest,
  ): Promise<Page<StoredOperation>> {
    return Promise.resolve(
      pageOf(
        this.#newest(tenantId, (o) => o.requester.userId === requesterId),
        page,
      ),
    );
  }

  listByState(
    tenantId: string,
    state: OperationState,
    page?: PageRequest,
  ): Promise<Page<StoredOperation>> {
    return Promise.resolve(
      pageOf(
        this.#newest(tenantId, (o) => o.state === state),
        page,
      ),
    );
  }

  listForSweep(query: SweepQuery, page?: PageRequest): Promise<Page<StoredOperation>> {
    const by = query.expiredBy?.getTime();
    const found = this.#items
      .values()
      .map((item) => item.value)
      .filter(
        (operation) =>
          operation.tenantId === query.tenantId &&
          operation.state === query.state &&
          (by === undefined || Date.parse(operation.expiresAt) <= by),
      );
    return Promise.resolve(pageOf(found, page));
  }

  #newest(tenantId: string, keep: (operation: StoredOperation) => boolean): StoredOperation[] {
    return this.#items
      .values()
      .map((item) => item.value)
      .filter((operation) => operation.tenantId === tenantId && keep(operation))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

const key = (tenantId: string, id: string): string => `${tenantId}\n${id}`;
