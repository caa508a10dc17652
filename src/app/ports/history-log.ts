import type { HistoryEvent } from '../../domain/history/history-event.ts';
import type { Page, PageRequest } from './paging.ts';

/** Which history lines to read; every filter is optional and they combine with AND. */
export interface HistoryFilter {
  /** The target user's object id. */
  userId?: string;
  /** An admin's object id: events they requested or approved. */
  adminId?: string;
  skuId?: string;
  /** ISO timestamp: events at or after it. */
  since?: string;
  /** ISO timestamp: events before it (a month's report reads `since` its start, `before` its end). */
  before?: string;
  /** One request's lines: what its run did to each of its users. */
  operationId?: string;
}

/**
 * The append-only history. Event ids are deterministic (operation + user + change + SKU), so a
 * write repeated after a retry or a restart is a no-op, never a second line.
 */
export interface HistoryLog {
  append(events: readonly HistoryEvent[]): Promise<{ created: number; alreadyThere: number }>;
  /** A tenant's events, newest first. */
  query(tenantId: string, filter?: HistoryFilter, page?: PageRequest): Promise<Page<HistoryEvent>>;
}
