import type { Container } from '@azure/cosmos';
import type { RequestCardCopy, RequestCardStore } from '../app/ports/request-card-store.ts';
import { parseDocument } from './documents.ts';
import { createOnce } from './etag-guard.ts';
import { queryAll } from './paging.ts';
import { byPostedAt, requestCardCopyId, requestCardCopySchema } from './request-card-documents.ts';

/**
 * The copies of request cards in the `requestCards` container, partitioned by operation: they
 * are only ever read per operation (every redraw lists one operation's copies), a partition
 * holds at most ~60 small items, and writes spread over operations instead of heating one
 * tenant's partition on every request.
 */
export class CosmosRequestCardStore implements RequestCardStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async add(copy: RequestCardCopy): Promise<void> {
    const valid = requestCardCopySchema.parse(copy);
    await createOnce(this.#container, { ...valid, id: requestCardCopyId(valid) });
  }

  async list(tenantId: string, operationId: string): Promise<RequestCardCopy[]> {
    const documents = await queryAll<unknown>(
      this.#container,
      {
        query: 'SELECT * FROM c WHERE c.operationId = @operationId AND c.tenantId = @tenantId',
        parameters: [
          { name: '@operationId', value: operationId },
          { name: '@tenantId', value: tenantId },
        ],
      },
      operationId,
    );
    return documents
      .map((document) => parseDocument(requestCardCopySchema, document, 'requestCards'))
      .sort(byPostedAt);
  }
}
