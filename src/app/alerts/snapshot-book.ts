import type { AlertEntry, AlertSnapshot } from '../../domain/alerts/alert.ts';
import type { AlertSnapshotStore } from '../ports/alert-snapshot-store.ts';
import type { Versioned } from '../ports/stores.ts';

/**
 * The tenant's snapshot as this tick holds it: every write is guarded by the ETag of the last
 * one, so if another instance wrote meanwhile the next save is a `ConcurrencyConflictError` and
 * this tick stops before sending anything that instance may send.
 */
export class SnapshotBook {
  readonly #store: AlertSnapshotStore;
  readonly #tenantId: string;
  #current: Versioned<AlertSnapshot> | null;

  constructor(
    store: AlertSnapshotStore,
    tenantId: string,
    current: Versioned<AlertSnapshot> | null,
  ) {
    this.#store = store;
    this.#tenantId = tenantId;
    this.#current = current;
  }

  get alerts(): AlertEntry[] {
    return this.#current?.value.alerts ?? [];
  }

  /** The entries of `ids`, in that order. */
  entries(ids: readonly string[]): AlertEntry[] {
    const byId = new Map(this.alerts.map((entry) => [entry.finding.id, entry]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Writes the alerts as seen by the look at `checkedAt`. */
  async save(alerts: AlertEntry[], checkedAt: string): Promise<void> {
    const snapshot: AlertSnapshot = { tenantId: this.#tenantId, alerts, checkedAt };
    this.#current = await this.#store.save(snapshot, this.#current?.etag);
  }
}
