import type { Container } from '@azure/cosmos';
import type { AlertSnapshotStore } from '../app/ports/alert-snapshot-store.ts';
import type { Versioned } from '../app/ports/stores.ts';
import type { AlertSnapshot } from '../domain/alerts/alert.ts';
import { alertSnapshotSchema } from './cosmos-alert-documents.ts';
import { parseDocument } from './documents.ts';
import { createVersioned, readVersioned, replaceIfMatch } from './etag-guard.ts';

/** The snapshot's fixed id in its tenant's partition (subscriptions are `subscription:…`). */
export const ALERT_SNAPSHOT_ID = 'alert-snapshot';

type SnapshotDocument = AlertSnapshot & { id: string; type: 'alertSnapshot' };

const parse = (document: unknown): AlertSnapshot =>
  parseDocument(alertSnapshotSchema, document, 'alerts');

/**
 * Each tenant's alert snapshot in the `alerts` container, one item, every write `IfMatch` on
 * the ETag read (412 → `ConcurrencyConflictError`). It stays small: a solved alert leaves once
 * its cards say so, and failed requests only stay for the monitor's window.
 */
export class CosmosAlertSnapshotStore implements AlertSnapshotStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async get(tenantId: string): Promise<Versioned<AlertSnapshot> | null> {
    const found = await readVersioned<SnapshotDocument>(
      this.#container,
      ALERT_SNAPSHOT_ID,
      tenantId,
    );
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async save(snapshot: AlertSnapshot, etag?: string): Promise<Versioned<AlertSnapshot>> {
    const document: SnapshotDocument = {
      ...alertSnapshotSchema.parse(snapshot),
      id: ALERT_SNAPSHOT_ID,
      type: 'alertSnapshot',
    };
    const saved =
      etag === undefined
        ? await createVersioned(this.#container, document)
        : await replaceIfMatch(this.#container, document, snapshot.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }
}
