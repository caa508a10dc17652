import type { ChangeNoticeStore } from '../ports/change-notice-store.ts';
import type { Clock } from '../ports/clock.ts';
import type {
  OperationCheckpoint,
  OperationStore,
  StoredOperation,
  SweepQuery,
} from '../ports/operation-store.ts';
import type { PageRequest } from '../ports/paging.ts';
import type { Versioned } from '../ports/stores.ts';
import type { OperationState } from '../../domain/operations/operation.ts';

/**
 * The operation store with one duty added: before every state change is written, its change
 * notice says the operation is about to have one more event (and a new pending request, that its
 * approvers' copies are due). Whoever made the change (a click,
 * the runner, the expiry sweep), a process that dies before telling it leaves the notice untold,
 * and the job that tells untold changes (`tell-untold-changes.ts`) finds it. A write that then
 * fails or loses its race leaves a notice with nothing new to tell, which the job settles.
 */
export class NoticeFirstOperationStore implements OperationStore {
  readonly #inner: OperationStore;
  readonly #notices: ChangeNoticeStore;
  readonly #clock: Clock;

  constructor(inner: OperationStore, notices: ChangeNoticeStore, clock: Clock) {
    this.#inner = inner;
    this.#notices = notices;
    this.#clock = clock;
  }

  /**
   * A new pending request first says its approvers' copies are due, so a process that dies after
   * storing it (or after answering the requester) leaves them for the job to post.
   */
  async create(operation: StoredOperation): Promise<Versioned<StoredOperation>> {
    if (operation.state === 'pending') {
      await this.#notices.expectApprovals(
        operation.tenantId,
        operation.id,
        this.#clock.now().toISOString(),
      );
    }
    return this.#inner.create(operation);
  }

  get(tenantId: string, id: string): Promise<Versioned<StoredOperation> | null> {
    return this.#inner.get(tenantId, id);
  }

  async transition(
    tenantId: string,
    id: string,
    expectedEtag: string,
    next: StoredOperation,
  ): Promise<Versioned<StoredOperation>> {
    await this.#notices.expect(tenantId, id, next.events.length, this.#clock.now().toISOString());
    return this.#inner.transition(tenantId, id, expectedEtag, next);
  }

  saveCheckpoint(
    tenantId: string,
    id: string,
    checkpoint: OperationCheckpoint,
  ): Promise<Versioned<StoredOperation>> {
    return this.#inner.saveCheckpoint(tenantId, id, checkpoint);
  }

  listByTenant(tenantId: string, page?: PageRequest) {
    return this.#inner.listByTenant(tenantId, page);
  }

  listByRequester(tenantId: string, requesterId: string, page?: PageRequest) {
    return this.#inner.listByRequester(tenantId, requesterId, page);
  }

  listForSweep(query: SweepQuery, page?: PageRequest) {
    return this.#inner.listForSweep(query, page);
  }

  listByState(tenantId: string, state: OperationState, page?: PageRequest) {
    return this.#inner.listByState(tenantId, state, page);
  }
}
