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
   * The requester has been told of the events before this one (at least `told`): above `told`
   * when their notices went out but a redraw or the history line still has to be done, so a
   * second telling redraws again but never tells the requester twice.
   */
  notified?: number;
  /**
   * Every card copy shows the operation as it stood after the events before this one (at least
   * `told`): above `told` when the copies were redrawn but a requester's notice still has to go
   * out, so a second telling of the same events does not redraw them all again.
   */
  redrawnUpTo?: number;
  /**
   * The approvers' copies of a new pending request are still to be posted: set when it is
   * created, cleared once they are (or the request is no longer pending). Kept here, so a
   * process that dies after answering the requester leaves them for the job.
   */
  approvalsDue?: boolean;
  /**
   * How many times the approvers' copies were asked for again (absent: never, as 0). A teller
   * clears `approvalsDue` only when this is still the round it claimed: a mark set while it
   * was posting (the copies' channel forgotten meanwhile) is not taken for the posts it made.
   */
  approvalsRound?: number;
  /**
   * Someone telling since `at` (renewed while a long telling goes on); `by` is unique per
   * telling. Another teller leaves a live claim alone, and takes over one that is too old.
   */
  claim?: { by: string; at: string };
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
  /**
   * Says a new pending request's approvers' copies are to be posted: creates its notice with
   * `approvalsDue`, before the request is stored; a notice already there is left as it is.
   */
  expectApprovals(tenantId: string, operationId: string, at: string): Promise<void>;
  /**
   * Says a pending request's approvers' copies are to be posted again, wherever none is recorded
   * (its approvers' channel was forgotten): sets `approvalsDue` on its notice under the ETag,
   * keeping what was told, moves `approvalsRound` on (so a telling in progress keeps the mark)
   * and stamps `updatedAt`. An operation without a notice gets one with
   * its `told` events told.
   */
  expectApprovalsAgain(
    tenantId: string,
    operationId: string,
    told: number,
    at: string,
  ): Promise<void>;
  get(tenantId: string, operationId: string): Promise<Versioned<ChangeNotice> | null>;
  /** Replaces the notice only if it still has `etag` (else a `ConcurrencyConflictError`). */
  replace(notice: ChangeNotice, etag: string): Promise<Versioned<ChangeNotice>>;
  /** A tenant's notices with something to tell (`told < due`, or approvals due), paged. */
  listUntold(tenantId: string, page?: PageRequest): Promise<Page<ChangeNotice>>;
}
