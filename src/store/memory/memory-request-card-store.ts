import type { RequestCardCopy, RequestCardStore } from '../../app/ports/request-card-store.ts';
import { byPostedAt, requestCardCopyId, requestCardCopySchema } from '../request-card-documents.ts';
import { settle } from './memory-versions.ts';

/** `RequestCardStore` in memory; passes the same contract suite as the Cosmos one. */
export class MemoryRequestCardStore implements RequestCardStore {
  readonly #copies = new Map<string, RequestCardCopy>();

  add(copy: RequestCardCopy): Promise<void> {
    return settle(() => {
      const valid = requestCardCopySchema.parse(copy);
      const key = `${valid.operationId}\n${requestCardCopyId(valid)}`;
      if (!this.#copies.has(key)) {
        this.#copies.set(key, structuredClone(valid));
      }
    });
  }

  list(tenantId: string, operationId: string): Promise<RequestCardCopy[]> {
    return Promise.resolve(
      [...this.#copies.values()]
        .filter((copy) => copy.tenantId === tenantId && copy.operationId === operationId)
        .map((copy) => structuredClone(copy))
        .sort(byPostedAt),
    );
  }
}
