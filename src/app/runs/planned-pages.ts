import type { DirectoryUser, ObjectId } from '../../domain/licensing.ts';
import type { StoredOperationItem } from '../ports/operation-item-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { IDS_AT_ONCE, readUsersNow } from './read-users-now.ts';

/** Items read from the store at a time: memory grows with this, not with the operation. */
const PAGE_SIZE = 500;

/** A read's worth of a page's planned items, with their users as Graph has them now. */
export interface PlannedPart {
  items: readonly Versioned<StoredOperationItem>[];
  /** Read after the part before it (a failed read fails the parts after it too). */
  users: Promise<Map<ObjectId, DirectoryUser>>;
}

/** A page of planned items, in parts; `last` is where the next page starts (none: the end). */
export interface PlannedPage {
  last: string | undefined;
  parts: PlannedPart[];
}

/**
 * An operation's planned items a page at a time by a cursor on the item id (items leaving
 * `planned` do not move it), each page's users read again from Graph a read's worth
 * (`IDS_AT_ONCE`) at a time: one read after another, a page's parts in order and the next page's
 * after them, so Graph sees one read at a time whatever the reading ahead. Only reads: what the
 * users are found to be is for the run to act on.
 */
export class PlannedPages {
  readonly #deps: RequestDependencies;
  readonly #operation: Pick<StoredOperation, 'tenantId' | 'id'>;
  #reads: Promise<unknown> = Promise.resolve();
  #keepReading: () => boolean = () => true;

  constructor(deps: RequestDependencies, operation: Pick<StoredOperation, 'tenantId' | 'id'>) {
    this.#deps = deps;
    this.#operation = operation;
  }

  /** Reads of users not yet begun are left out once this says no (their parts come back empty). */
  readWhile(keepReading: () => boolean): void {
    this.#keepReading = keepReading;
  }

  /** The page after `afterItemId` (from the start without it); its users' reads queued. */
  after(afterItemId: string | undefined): Promise<PlannedPage> {
    const { tenantId, id } = this.#operation;
    const reading = this.#deps.operationItems
      .listByState(tenantId, id, 'planned', {
        pageSize: PAGE_SIZE,
        ...(afterItemId === undefined ? {} : { afterItemId }),
      })
      .then((page) => {
        const parts: PlannedPart[] = [];
        for (let start = 0; start < page.items.length; start += IDS_AT_ONCE) {
          const items = page.items.slice(start, start + IDS_AT_ONCE);
          const previous = parts.at(-1)?.users ?? this.#reads;
          const users = previous.then(() =>
            this.#keepReading()
              ? readUsersNow(
                  this.#deps,
                  tenantId,
                  items.map((stored) => stored.value.userId),
                )
              : new Map<ObjectId, DirectoryUser>(),
          );
          // Read ahead; a run that stops before it needs the part must not leave it unhandled.
          users.catch(() => {});
          parts.push({ items, users });
          this.#reads = users.catch(() => {});
        }
        return { last: page.items.at(-1)?.value.itemId, parts };
      });
    // Read ahead; a run that stops before it needs the page must not leave it unhandled.
    reading.catch(() => {});
    return reading;
  }

  /** Settles once the reads queued so far are over (none begins once `readWhile` says no). */
  idle(): Promise<unknown> {
    return this.#reads;
  }
}
