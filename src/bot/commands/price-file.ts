import { PRICE_CSV_HEADER } from '../../domain/prices/price-sheet.ts';
import type { SentFile } from '../files/sent-files.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { importReply } from './price-replies.ts';

/** The host of a link, for the log (never the link: it is a credential to the file). */
const hostOf = (url: string): string | undefined => URL.parse(url)?.host;

/** A CSV sent with the text `prices`: downloaded from OneDrive and imported as if pasted. */
export async function importSentFile(
  turn: CommandTurn,
  files: readonly SentFile[],
): Promise<Reply> {
  const [file, ...others] = files;
  if (file === undefined || others.length > 0) {
    return { text: 'Send one CSV file at a time, with the text `prices`.' };
  }
  if (file.fileType !== 'csv') {
    return {
      text: `"${file.name}" is not a CSV file. Save the price list as CSV (${PRICE_CSV_HEADER}) and send that with the text \`prices\`.`,
    };
  }
  const read = await turn.deps.fileDownloads.readText(file.downloadUrl);
  if (!read.ok) {
    turn.deps.logger.warn(
      { code: read.failure.code, host: hostOf(file.downloadUrl) },
      'a sent price file could not be read',
    );
    return { text: read.failure.message };
  }
  return importReply(await turn.deps.pricing.importCsv(turn.caller, read.value));
}
