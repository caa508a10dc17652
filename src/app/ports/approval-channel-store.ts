import type { Person } from '../../domain/operations/operation.ts';
import type { Versioned } from './stores.ts';

/** The conversation (team channel or group chat) where a tenant's approval cards go. */
export interface ApprovalChannel {
  tenantId: string;
  conversationId: string;
  /** Who typed `approvals here`. */
  setBy: Person;
  setAt: string;
}

/** The tenant's approvers' conversation; changing it is guarded by the ETag read. */
export interface ApprovalChannelStore {
  get(tenantId: string): Promise<Versioned<ApprovalChannel> | null>;
  /** Creates when `etag` is absent, else replaces only if unchanged (`ConcurrencyConflictError`). */
  set(channel: ApprovalChannel, etag?: string): Promise<Versioned<ApprovalChannel>>;
  /**
   * Unsets it (the bot was removed from that conversation), only if unchanged since read with
   * `etag` (else `ConcurrencyConflictError`); false when it was already unset.
   */
  clear(tenantId: string, etag: string): Promise<boolean>;
}
