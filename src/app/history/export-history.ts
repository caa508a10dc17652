import type { HistoryEvent } from '../../domain/history/history-event.ts';
import type { HistoryFilter } from '../ports/history-log.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/** At most this many lines in one export: a chat attachment is no place for a data dump. */
export const HISTORY_EXPORT_LIMIT = 5_000;
/**
 * One request's results are exported whole up to this many lines (a line per user and change):
 * the file is the only place every user of a bulk run is listed.
 */
export const REQUEST_RESULTS_LIMIT = 100_000;

// Large pages keep a 5,000-line export to a handful of Cosmos queries.
const EXPORT_PAGE_SIZE = 500;

/** The lines of an export, newest first, and whether older lines were left out. */
export interface HistoryExport {
  events: HistoryEvent[];
  cut: boolean;
}

/** Reads the filtered history page by page, newest first, stopping at `limit` lines. */
export async function exportHistory(
  deps: Pick<RequestDependencies, 'directory' | 'history'>,
  tenantId: string,
  filter: HistoryFilter,
  limit = filter.operationId === undefined ? HISTORY_EXPORT_LIMIT : REQUEST_RESULTS_LIMIT,
): Promise<HistoryExport> {
  const events: HistoryEvent[] = [];
  let token: string | undefined;
  do {
    const page = await deps.history.query(tenantId, filter, {
      pageSize: Math.min(EXPORT_PAGE_SIZE, limit - events.length + 1),
      ...(token ? { continuationToken: token } : {}),
    });
    events.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined && events.length <= limit);
  return { events: events.slice(0, limit), cut: events.length > limit };
}
