import type { Container } from '@azure/cosmos';
import type { ChangeNotice, ChangeNoticeStore } from '../app/ports/change-notice-store.ts';
import type { Versioned } from '../app/ports/stores.ts';
import {
  approvalsAgainNotice,
  approvalsNotice,
  changeNoticeSchema,
  firstNotice,
  isUntold,
  raisedNotice,
} from './change-notice-documents.ts';
import { parseDocument } from './documents.ts';
import { readVersioned, replaceIfMatch, updateWithETag } from './etag-guard.ts';
import { queryPage, type Page, type PageRequest } from './paging.ts';

// As stored: the operation id is the Cosmos id, and `untold` lets the job's query use the index.
type NoticeDocument = ChangeNotice & { id: string; untold: boolean };

const toDocument = (notice: ChangeNotice): NoticeDocument => {
  const valid = changeNoticeSchema.parse(notice);
  return { ...valid, id: valid.operationId, untold: isUntold(valid) };
};

const parse = (document: unknown): ChangeNotice =>
  parseDocument(changeNoticeSchema, document, 'notices');

/**
 * Change notices in the `notices` container (partition: tenant, id: the operation id). A notice
 * is written apart from its operation, so telling a change never moves the operation's ETag
 * under a runner or a click.
 */
export class CosmosChangeNoticeStore implements ChangeNoticeStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async expect(tenantId: string, operationId: string, due: number, at: string): Promise<void> {
    await updateWithETag<NoticeDocument>(this.#container, operationId, tenantId, (current) => {
      if (current === null) {
        return toDocument(firstNotice(tenantId, operationId, due, at));
      }
      const raised = raisedNotice(parse(current), due, at);
      return raised === null ? null : toDocument(raised);
    });
  }

  async expectApprovals(tenantId: string, operationId: string, at: string): Promise<void> {
    await updateWithETag<NoticeDocument>(this.#container, operationId, tenantId, (current) =>
      current === null ? toDocument(approvalsNotice(tenantId, operationId, at)) : null,
    );
  }

  async expectApprovalsAgain(
    tenantId: string,
    operationId: string,
    told: number,
    at: string,
  ): Promise<void> {
    await updateWithETag<NoticeDocument>(this.#container, operationId, tenantId, (current) =>
      toDocument(
        approvalsAgainNotice(
          current === null ? null : parse(current),
          { tenantId, operationId },
          told,
          at,
        ),
      ),
    );
  }

  async get(tenantId: string, operationId: string): Promise<Versioned<ChangeNotice> | null> {
    const found = await readVersioned<NoticeDocument>(this.#container, operationId, tenantId);
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async replace(notice: ChangeNotice, etag: string): Promise<Versioned<ChangeNotice>> {
    const saved = await replaceIfMatch(this.#container, toDocument(notice), notice.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }

  listUntold(tenantId: string, request: PageRequest = {}): Promise<Page<ChangeNotice>> {
    // One partition, no ORDER BY: a continuation token comes with every page that has more.
    return queryPage<unknown>(
      this.#container,
      {
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.untold = true',
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      tenantId,
      request,
    ).then((page) => ({ ...page, items: page.items.map(parse) }));
  }
}
