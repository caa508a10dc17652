import { readCsvRecords } from '../csv/read-csv-records.ts';
import type { Result } from '../../domain/errors.ts';
import type { SheetRecord } from '../../domain/prices/price-sheet.ts';
import { refusePrice, type PriceRefusal } from './price-refusal.ts';

/**
 * The records of a price CSV with the line each ends on: a byte order mark, quotes, blank lines
 * and spaces around fields are taken care of; commas, semicolons or tabs separate fields (Excel
 * writes semicolons in some countries, and cells pasted from it come with tabs). What the
 * records mean is `readPriceSheet`'s to say.
 */
export function readPriceCsv(text: string): Result<SheetRecord[], PriceRefusal> {
  const read = readCsvRecords(text, [',', ';', '\t']);
  if (read.ok) {
    return read;
  }
  const line = read.failure.line === undefined ? '' : ` (line ${read.failure.line})`;
  return refusePrice(
    'PRICE_CSV_UNREADABLE',
    `I could not read that as CSV${line}: ${read.failure.reason} Nothing was saved.`,
  );
}
