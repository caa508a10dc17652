import type { AlertSnapshot } from '../../domain/alerts/alert.ts';
import type { Versioned } from './stores.ts';

/**
 * The tenant's alerts as last seen and where each was sent (the `alerts` container): one
 * document per tenant, every write guarded by the ETag read, so of two instances looking at once
 * only one records (and sends) what is new.
 */
export interface AlertSnapshotStore {
  get(tenantId: string): Promise<Versioned<AlertSnapshot> | null>;
  /**
   * Creates when `etag` is absent (one already there is a `ConcurrencyConflictError`); otherwise
   * replaces only if the stored ETag still matches (else the same error).
   */
  save(snapshot: AlertSnapshot, etag?: string): Promise<Versioned<AlertSnapshot>>;
}
