import { PRICE_CSV_HEADER } from '../../domain/prices/price-sheet.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { askForChange } from './license-change-commands.ts';
import { sentCsv } from './selection-file.ts';

/** A header that names a price column is a price list, not people. */
const priceHeader = /^\uFEFF?[^\r\n]*monthly\s*_?price/i;

/**
 * A CSV sent without words: a list of people (their licenses in its rows) is asked for as
 * `assign from this file`; a price list is pointed to `prices`.
 */
export async function fileWithoutWords(turn: CommandTurn): Promise<Reply> {
  const command = 'assign from this file';
  const sent = await sentCsv(turn, command);
  if (!sent.ok) {
    return sent.reply;
  }
  if (priceHeader.test(sent.file.text)) {
    return {
      text: `That looks like a price list (${PRICE_CSV_HEADER}): send it again with the text \`prices\` to import it.`,
    };
  }
  return askForChange(turn, command, { file: sent.file });
}
