import type { Container, JSONObject, OperationInput, SqlParameter } from '@azure/cosmos';
import type { HistoryEvent } from '../domain/history/history-event.ts';
import type { HistoryFilter, HistoryLog } from '../app/ports/history-log.ts';
import { parseDocument } from './documents.ts';
import { createOnce } from './etag-guard.ts';
import { historyEventSchema } from './operation-documents.ts';
import { queryPage } from './paging.ts';
import type { Page, PageRequest } from './paging.ts';

const parse = (document: unknown): HistoryEvent =>
  parseDocument(historyEventSchema, document, 'history');

/** Events written at once by `append`: a Cosmos transactional batch holds at most 100. */
const APPEND_CHUNK = 100;

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
      const chunk = events
        .slice(start, start + APPEND_CHUNK)
        .map((e) => historyEventSchema.parse(e));
      created += await this.#createChunk(chunk);
    }
    return { created, alreadyThere: events.length - created };
  }

  /**
   * Events of one tenant (one partition) in one transactional batch; when any is refused (one is
   * there already, after a retry or a restart) each not written is created on its own, where a
   * 409 means "already recorded".
   */
  async #createChunk(chunk: HistoryEvent[]): Promise<number> {
    const tenantId = chunk[0]?.tenantId;
    const oneTenant = tenantId !== undefined && chunk.every((event) => event.tenantId === tenantId);
    const results = oneTenant
      ? await this.#container.items
          .batch(
            chunk.map((event): OperationInput => ({
              operationType: 'Create',
              partitionKey: tenantId,
              resourceBody: event as unknown as JSONObject,
            })),
            tenantId,
          )
          .then((response) => response.result ?? [])
          .catch(() => [])
      : [];
    const written = (index: number) => (results[index]?.statusCode ?? 500) < 400;
    const rest = chunk.filter((_, index) => !written(index));
    const outcomes = await Promise.all(rest.map((event) => createOnce(this.#container, event)));
    return chunk.length - rest.length + outcomes.filter((outcome) => outcome === 'created').length;
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
    add('c.at < @before', '@before', filter.before);
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
