import type { Attachment } from 'botbuilder';
import { exportHistory } from '../../app/requests/export-history.ts';
import type { HistoryFilter } from '../../app/ports/history-log.ts';
import { historyCsvRows, toCsv } from '../../domain/history/history-csv.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

/**
 * The CSV as an inline file attachment (`text/csv`, a base64 `data:` URL). Teams' own file flow
 * for bots (FileConsentCard, then an upload to the user's OneDrive) needs `supportsFiles` and a
 * consent click; the inline attachment works in the Test Tool and any Bot Framework channel
 * without it.
 */
function csvAttachment(name: string, csv: string): Attachment {
  // A BOM makes Excel read the file as UTF-8 (names with accents stay readable).
  const bytes = Buffer.from(`\uFEFF${csv}`, 'utf8');
  return {
    contentType: 'text/csv',
    name,
    contentUrl: `data:text/csv;base64,${bytes.toString('base64')}`,
  };
}

/** `history export …`: the filtered history as a CSV file, newest first, at most 5,000 lines. */
export async function historyExport(
  turn: CommandTurn,
  filter: HistoryFilter,
  described: string,
): Promise<Reply> {
  const { deps, caller } = turn;
  const [found, skus] = await Promise.all([
    exportHistory(deps.requests, caller.tenantId, filter),
    deps.directory.listSkus(),
  ]);
  if (found.events.length === 0) {
    return { text: `Nothing on record${described ? ` (${described})` : ''}: no file to export.` };
  }
  const day = deps.clock.now().toISOString().slice(0, 10);
  const lines = found.events.length.toLocaleString('en-US');
  const text = found.cut
    ? `License history${described ? ` (${described})` : ''}: the newest ${lines} lines only, the export's limit. Narrow it with \`since\`, \`for\`, \`by\` or \`sku\` for the older ones.`
    : `License history${described ? ` (${described})` : ''}: ${lines} line(s).`;
  return {
    text,
    file: csvAttachment(`license-history-${day}.csv`, toCsv(historyCsvRows(found.events, skus))),
  };
}
