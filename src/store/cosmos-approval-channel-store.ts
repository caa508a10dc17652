import type { Container } from '@azure/cosmos';
import type { ApprovalChannel, ApprovalChannelStore } from '../app/ports/approval-channel-store.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { parseDocument } from './documents.ts';
import { createVersioned, deleteIfMatch, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { approvalChannelSchema } from './operation-documents.ts';

type ChannelDocument = ApprovalChannel & { id: string; type: 'approvalChannel' };

/**
 * One item per tenant, in the tenant-settings partition of the `preferences` container (whose
 * other items are keyed by user object ids, GUIDs, so this fixed id cannot clash with one).
 * Kept out of `conversations`, whose listings must only hold conversation references.
 */
export const APPROVAL_CHANNEL_ID = 'tenant-approval-channel';

const parse = (document: unknown): ApprovalChannel =>
  parseDocument(approvalChannelSchema, document, 'preferences');

/** The approvers' conversation of each tenant in Cosmos, every change guarded by its ETag. */
export class CosmosApprovalChannelStore implements ApprovalChannelStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async get(tenantId: string): Promise<Versioned<ApprovalChannel> | null> {
    const found = await readVersioned<ChannelDocument>(
      this.#container,
      APPROVAL_CHANNEL_ID,
      tenantId,
    );
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async set(channel: ApprovalChannel, etag?: string): Promise<Versioned<ApprovalChannel>> {
    const document: ChannelDocument = {
      ...approvalChannelSchema.parse(channel),
      id: APPROVAL_CHANNEL_ID,
      type: 'approvalChannel',
    };
    const saved =
      etag === undefined
        ? await createVersioned(this.#container, document)
        : await replaceIfMatch(this.#container, document, channel.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }

  clear(tenantId: string, etag: string): Promise<boolean> {
    return deleteIfMatch(this.#container, APPROVAL_CHANNEL_ID, tenantId, etag);
  }
}
