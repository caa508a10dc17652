import type { HistoryEvent } from '../../domain/history/history-event.ts';
import type { HistoryQuery } from '../../domain/history/history-query.ts';
import type { Caller } from '../identity/caller.ts';
import type { HistoryFilter } from '../ports/history-log.ts';
import type { Page } from '../ports/paging.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { exportHistory, type HistoryExport } from './export-history.ts';
import { readHistory, resolveHistoryFilter, type HistoryFilterResolution } from './read-history.ts';

/** The history of license changes: read a page, export a file. */
export interface HistoryUseCases {
  /** What the admin typed (a person, a SKU, dates), as a filter on the history. */
  resolveFilter(caller: Caller, query: HistoryQuery): Promise<HistoryFilterResolution>;
  read(
    tenantId: string,
    filter: HistoryFilter,
    continuationToken?: string,
  ): Promise<Page<HistoryEvent>>;
  export(tenantId: string, filter: HistoryFilter, limit?: number): Promise<HistoryExport>;
}

/** The history use cases over `deps`, wired once by the composition root. */
export function historyUseCases(
  deps: Pick<RequestDependencies, 'directory' | 'history'>,
): HistoryUseCases {
  return {
    resolveFilter: (caller, query) => resolveHistoryFilter(deps, caller, query),
    read: (tenantId, filter, token) => readHistory(deps, tenantId, filter, token),
    export: (tenantId, filter, limit) => exportHistory(deps, tenantId, filter, limit),
  };
}
