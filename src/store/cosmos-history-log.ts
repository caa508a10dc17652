import type { Container, SqlParameter } from '@azure/cosmos';
import type { HistoryEvent } from '../domain/history/history-event.ts';
import type { HistoryFilter, HistoryLog } from '../app/ports/history-log.ts';
import { parseDocument } from './documents.ts';
import { createOnce } from './etag-guard.ts';
import { historyEventSchema } from './operation-documents.ts';
import { queryPage } from './paging.ts';
import type { Page, PageRequest } from './paging.ts';

const parse = (document: unknown): HistoryEvent =>
  parseDocument(historyEventSchema, document, 'history');

/** Events written at once by `append`. */
const APPEND_CHUNK = 25;

/**
 * The history in the `history` container (partition: tenant, id: the event's deterministic id).
 * An event is created, never replaced: writing it again is a 409 that means "already recorded".
 */
export class CosmosHistoryLog implements HistoryLog {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async append(
    events: readonly HistoryEvent[],
  ): Promise<{ created: number; alreadyThere: number }> {
    let created = 0;
    for (let start = 0; start < events.length; start += APPEND_CHUNK) {
      const outcomes = await Promise.all(
        events
          .slice(start, start + APPEND_CHUNK)
          .map((event) => createOnce(this.#container, historyEventSchema.parse(event))),
      );
      created += outcomes.filter((outcome) => outcome === 'created').length;
    }
    return { created, alreadyThere: events.length - created };
  }

  async query(
    tenantId: string,
    filter: HistoryFilter = {},
    request: PageRequest = {},
  ): Promise<Page<HistoryEvent>> {
    const conditions = ['c.tenantId = @tenantId'];
    const parameters: SqlParameter[] = [{ name: '@tenantId', value: tenantId }];
    const add = (condition: string, name: string, value: string | undefined) => {
      if (value !== undefined) {
        conditions.push(condition);
        parameters.push({ name, value });
      }
    };
    add('c.userId = @userId', '@userId', filter.userId);
    add(
      '(c.requester.userId = @adminId OR c.approver.userId = @adminId)',
      '@adminId',
      filter.adminId,
    );
    add('c.skuId = @skuId', '@skuId', filter.skuId);
    add('c.at >= @since', '@since', filter.since);
    add('c.operationId = @operationId', '@operationId', filter.operationId);
    // Newest first by the event's own time (ISO strings sort as times), not `_ts`: events
    // written late after a restart keep their place.
    const page = await queryPage<HistoryEvent>(
      this.#container,
      {
        query: `SELECT * FROM c WHERE ${conditions.join(' AND ')} ORDER BY c.at DESC`,
        parameters,
      },
      tenantId,
      request,
    );
    return { ...page, items: page.items.map(parse) };
  }
}
