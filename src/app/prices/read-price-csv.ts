import { CsvError, parse } from 'csv-parse/sync';
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
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return {
      ok: true,
      value: records.map(({ record, info }) => ({ line: info.lines, fields: record })),
    };
  } catch (error) {
    if (!(error instanceof CsvError)) {
      throw error;
    }
    const line = typeof error.lines === 'number' ? error.lines : undefined;
    return refusePrice(
      'PRICE_CSV_UNREADABLE',
      `I could not read that as CSV${line ? ` (line ${line})` : ''}: ${csvReason(error.code)} Nothing was saved.`,
    );
  }
}

function csvReason(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote is opened and never closed.';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote sits in the middle of a field.';
    default:
      return 'its quotes or separators are not as CSV writes them.';
  }
}
