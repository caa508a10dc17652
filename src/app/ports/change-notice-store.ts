import type { Page, PageRequest } from './paging.ts';
import type { Versioned } from './stores.ts';

/**
 * How far the changes of one operation have been told: its events (each a state change, in
 * order) up to `told` have had every card copy redrawn and the requester told; `due` is how many
 * events the operation has, or is about to have. Written before each transition, so a process
 * that dies after storing a change but before telling it leaves `told < due` for the job to find.
 */
export interface ChangeNotice {
  tenantId: string;
  operationId: string;
  told: number;
  due: number;
  /**
   * Someone telling the events up to `upTo`, since `at`; `by` is unique per telling. Another
   * teller leaves a live claim alone, and takes over one that is too old (its teller died).
   */
  claim?: { by: string; at: string; upTo: number };
  /** When `due` last rose: the job leaves younger notices to the process that made the change. */
  updatedAt: string;
}

/** The change notices, one per operation. */
export interface ChangeNoticeStore {
  /**
   * Says the operation is about to have `due` events: raises `due`, or, for an operation without
   * a notice yet (made before notices were kept), creates one with the earlier events told.
   */
  expect(tenantId: string, operationId: string, due: number, at: string): Promise<void>;
  get(tenantId: string, operationId: string): Promise<Versioned<ChangeNotice> | null>;
  /** Replaces the notice only if it still has `etag` (else a `ConcurrencyConflictError`). */
  replace(notice: ChangeNotice, etag: string): Promise<Versioned<ChangeNotice>>;
  /** A tenant's notices with events not told yet (`told < due`), a page at a time. */
  listUntold(tenantId: string, page?: PageRequest): Promise<Page<ChangeNotice>>;
}
