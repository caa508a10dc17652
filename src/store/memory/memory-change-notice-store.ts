import type { ChangeNotice, ChangeNoticeStore } from '../../app/ports/change-notice-store.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import {
  approvalsAgainNotice,
  approvalsNotice,
  changeNoticeSchema,
  firstNotice,
  isUntold,
  raisedNotice,
} from '../change-notice-documents.ts';
import type { Page, PageRequest } from '../paging.ts';
import { pageOf } from './memory-pages.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `ChangeNoticeStore` in memory, failing on stale ETags as the Cosmos one does. */
export class MemoryChangeNoticeStore implements ChangeNoticeStore {
  readonly #notices = new VersionedMap<ChangeNotice>();

  expect(tenantId: string, operationId: string, due: number, at: string): Promise<void> {
    return settle(() => {
      const found = this.#notices.get(key(tenantId, operationId));
      if (found === null) {
        this.#notices.create(
          key(tenantId, operationId),
          firstNotice(tenantId, operationId, due, at),
        );
        return;
      }
      const raised = raisedNotice(found.value, due, at);
      if (raised !== null) {
        this.#notices.replace(key(tenantId, operationId), raised, found.etag);
      }
    });
  }

  expectApprovals(tenantId: string, operationId: string, at: string): Promise<void> {
    return settle(() => {
      if (this.#notices.get(key(tenantId, operationId)) === null) {
        this.#notices.create(
          key(tenantId, operationId),
          approvalsNotice(tenantId, operationId, at),
        );
      }
    });
  }

  expectApprovalsAgain(
    tenantId: string,
    operationId: string,
    told: number,
    at: string,
  ): Promise<void> {
    return settle(() => {
      const found = this.#notices.get(key(tenantId, operationId));
      const next = approvalsAgainNotice(found?.value ?? null, { tenantId, operationId }, told, at);
      if (found === null) {
        this.#notices.create(key(tenantId, operationId), next);
      } else {
        this.#notices.replace(key(tenantId, operationId), next, found.etag);
      }
    });
  }

  get(tenantId: string, operationId: string): Promise<Versioned<ChangeNotice> | null> {
    return Promise.resolve(this.#notices.get(key(tenantId, operationId)));
  }

  replace(notice: ChangeNotice, etag: string): Promise<Versioned<ChangeNotice>> {
    return settle(() =>
      this.#notices.replace(
        key(notice.tenantId, notice.operationId),
        changeNoticeSchema.parse(notice),
        etag,
      ),
    );
  }

  listUntold(tenantId: string, page?: PageRequest): Promise<Page<ChangeNotice>> {
    const untold = this.#notices
      .values()
      .map((entry) => entry.value)
      .filter((notice) => notice.tenantId === tenantId && isUntold(notice));
    return Promise.resolve(pageOf(untold, page));
  }
}

const key = (tenantId: string, operationId: string): string => `${tenantId}\n${operationId}`;
