import { CsvError, parse } from 'csv-parse/sync';
import type { Result } from '../../domain/errors.ts';

/** A CSV record with the line of the file it ends on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Why a text cannot be read as CSV: the line, when known, and the reason in plain words. */
export interface CsvUnreadable {
  line?: number;
  reason: string;
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

/**
 * The records of a CSV with the line each ends on: a byte order mark, quotes, blank lines and
 * spaces around fields are taken care of; `delimiter` is one separator or several. What the
 * records mean is the caller's to say.
 */
export function readCsvRecords(
  text: string,
  delimiter: string | string[],
): Result<CsvRecord[], CsvUnreadable> {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      delimiter,
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
    return {
      ok: false,
      failure: {
        ...(typeof error.lines === 'number' ? { line: error.lines } : {}),
        reason: csvReason(error.code),
      },
    };
  }
}
