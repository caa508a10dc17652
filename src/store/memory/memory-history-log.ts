import type { HistoryEvent } from '../../domain/history/history-event.ts';
import type { HistoryFilter, HistoryLog } from '../../app/ports/history-log.ts';
import { historyEventSchema } from '../operation-documents.ts';
import type { Page, PageRequest } from '../paging.ts';
import { pageOf } from './memory-pages.ts';

/** `HistoryLog` in memory; passes the same contract suite as `CosmosHistoryLog`. */
export class MemoryHistoryLog implements HistoryLog {
  readonly #events = new Map<string, HistoryEvent>();

  append(events: readonly HistoryEvent[]): Promise<{ created: number; alreadyThere: number }> {
    let created = 0;
    for (const event of events) {
      const valid = historyEventSchema.parse(event);
      const id = `${valid.tenantId}\n${valid.id}`;
      if (!this.#events.has(id)) {
        this.#events.set(id, structuredClone(valid));
        created += 1;
      }
    }
    return Promise.resolve({ created, alreadyThere: events.length - created });
  }

  query(
    tenantId: string,
    filter: HistoryFilter = {},
    page?: PageRequest,
  ): Promise<Page<HistoryEvent>> {
    const found = [...this.#events.values()]
      .filter(
        (event) =>
          event.tenantId === tenantId &&
          (filter.userId === undefined || event.userId === filter.userId) &&
          (filter.adminId === undefined ||
            event.requester.userId === filter.adminId ||
            event.approver?.userId === filter.adminId) &&
          (filter.skuId === undefined || event.skuId === filter.skuId) &&
          (filter.since === undefined || event.at >= filter.since) &&
          (filter.before === undefined || event.at < filter.before) &&
          (filter.operationId === undefined || event.operationId === filter.operationId),
      )
      .sort((a, b) => b.at.localeCompare(a.at));
    return Promise.resolve(pageOf(found, page));
  }
}
