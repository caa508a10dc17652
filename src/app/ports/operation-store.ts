import type { ItemState, Operation, OperationState } from '../../domain/operations/operation.ts';
import type { Page, PageRequest } from './paging.ts';
import type { Versioned } from './stores.ts';

/**
 * How far a run got, saved on the operation after every batch so that a restarted process (or
 * another instance) resumes from it and the progress card can be redrawn from the store alone.
 */
export interface OperationCheckpoint {
  /** Items per state when the checkpoint was taken. */
  counts: Record<ItemState, number>;
  /** The runner instance that wrote it, for logs. */
  runner?: string;
  /**
   * Runs of it in a row that broke off with an error without getting any item further, counted
   * by the resume job: after a few, over a long enough time, it stops trying and fails what is
   * left (a poison operation is not retried forever).
   */
  failedAttempts?: number;
  /** When the first of those broke off (a run that got further starts the count again). */
  failingSince?: string;
  /** A group license change: when the group's change was sent, and Entra's processing since. */
  group?: GroupRunCheckpoint;
  at: string;
}

/** How far a group license change got: sent (Graph answered 202) and processing as last read. */
export interface GroupRunCheckpoint {
  /** The id of the dynamic group the run created, when it had one to create. */
  createdId?: string;
  sentAt?: string;
  /** Entra's `licenseProcessingState` as last read. */
  processing?: string;
  /** How many times processing was read. */
  checks: number;
}

/** An operation as stored: the domain's operation plus the runner's checkpoint. */
export type StoredOperation = Operation & { checkpoint?: OperationCheckpoint };

/** What a sweep looks for in one tenant. */
export interface SweepQuery {
  tenantId: string;
  state: OperationState;
  /** Only operations whose `expiresAt` is at or before this moment. */
  expiredBy?: Date;
}

/**
 * Operations, saved before anything touches Graph. Every state change is one conditional write
 * on the ETag the caller read: of two racing approvals exactly one wins, the other gets a
 * `ConcurrencyConflictError`, re-reads and answers from the new state.
 */
export interface OperationStore {
  /** Saves a new operation; one with the same id already there is a `ConcurrencyConflictError`. */
  create(operation: StoredOperation): Promise<Versioned<StoredOperation>>;
  get(tenantId: string, id: string): Promise<Versioned<StoredOperation> | null>;
  /** Replaces the operation only if it still has `expectedEtag`. */
  transition(
    tenantId: string,
    id: string,
    expectedEtag: string,
    next: StoredOperation,
  ): Promise<Versioned<StoredOperation>>;
  /** Saves the runner's checkpoint whatever else changed meanwhile (re-read and retried). */
  saveCheckpoint(
    tenantId: string,
    id: string,
    checkpoint: OperationCheckpoint,
  ): Promise<Versioned<StoredOperation>>;
  /** Every operation of a tenant, newest first (the REST API's list without a filter). */
  listByTenant(tenantId: string, page?: PageRequest): Promise<Page<StoredOperation>>;
  /** A requester's operations, newest first. */
  listByRequester(
    tenantId: string,
    requesterId: string,
    page?: PageRequest,
  ): Promise<Page<StoredOperation>>;
  /**
   * Every page of a tenant's operations in one state, in no set order, for a periodic sweep: the
   * runs a (re)started runner resumes (approved, running) and the pending requests to expire
   * (`expiredBy`: only those whose `expiresAt` is at or before it). One partition, no ORDER BY,
   * so a continuation token always comes with a page that has more behind it.
   */
  listForSweep(query: SweepQuery, page?: PageRequest): Promise<Page<StoredOperation>>;
  /** A tenant's operations in one state (pending to expire, approved to run…), newest first. */
  listByState(
    tenantId: string,
    state: OperationState,
    page?: PageRequest,
  ): Promise<Page<StoredOperation>>;
}
