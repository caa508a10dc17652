import type {
  ApprovalChannel,
  ApprovalChannelStore,
} from '../../app/ports/approval-channel-store.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { approvalChannelSchema } from '../operation-documents.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `ApprovalChannelStore` in memory; passes the same contract suite as the Cosmos one. */
export class MemoryApprovalChannelStore implements ApprovalChannelStore {
  readonly #channels = new VersionedMap<ApprovalChannel>();

  get(tenantId: string): Promise<Versioned<ApprovalChannel> | null> {
    return Promise.resolve(this.#channels.get(tenantId));
  }

  set(channel: ApprovalChannel, etag?: string): Promise<Versioned<ApprovalChannel>> {
    return settle(() => {
      const valid = approvalChannelSchema.parse(channel);
      return etag === undefined
        ? this.#channels.create(valid.tenantId, valid)
        : this.#channels.replace(valid.tenantId, valid, etag);
    });
  }

  clear(tenantId: string, etag: string): Promise<boolean> {
    return settle(() => this.#channels.delete(tenantId, etag));
  }
}
