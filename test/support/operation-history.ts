import type { HistoryLog } from '../../src/app/ports/history-log.ts';
import type { HistoryEvent } from '../../src/domain/history/history-event.ts';

/** Every history line of one operation, read page by page as `Results as CSV` reads them. */
export async function operationHistory(
  history: HistoryLog,
  tenantId: string,
  operationId: string,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let token: string | undefined;
  do {
    const page = await history.query(
      tenantId,
      { operationId },
      { pageSize: 1_000, ...(token === undefined ? {} : { continuationToken: token }) },
    );
    events.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return events;
}
