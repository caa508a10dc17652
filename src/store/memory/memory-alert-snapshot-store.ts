import type { AlertSnapshotStore } from '../../app/ports/alert-snapshot-store.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import type { AlertSnapshot } from '../../domain/alerts/alert.ts';
import { alertSnapshotSchema } from '../cosmos-alert-documents.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `AlertSnapshotStore` in memory; passes the same contract suite as the Cosmos one. */
export class MemoryAlertSnapshotStore implements AlertSnapshotStore {
  readonly #snapshots = new VersionedMap<AlertSnapshot>();

  get(tenantId: string): Promise<Versioned<AlertSnapshot> | null> {
    return Promise.resolve(this.#snapshots.get(tenantId));
  }

  save(snapshot: AlertSnapshot, etag?: string): Promise<Versioned<AlertSnapshot>> {
    return settle(() => {
      const valid = alertSnapshotSchema.parse(snapshot);
      return etag === undefined
        ? this.#snapshots.create(valid.tenantId, valid)
        : this.#snapshots.replace(valid.tenantId, valid, etag);
    });
  }
}
