import { CsvError, parse } from 'csv-parse/sync';
import type { Result } from '../../domain/errors.ts';
import type { SelectionRecord } from '../../domain/selection/csv/selection-sheet.ts';

/** Why a file cannot be read as CSV at all. */
export interface SelectionCsvRefusal {
  code: 'SELECTION_CSV_UNREADABLE';
  message: string;
}

/**
 * The separator of the file, from its first line: a tab (cells pasted from Excel), else a comma,
 * else a semicolon (Excel in some countries). Only one per file: `DisabledPlans` lists plans
 * with semicolons, so in a comma-separated file a semicolon is part of a field.
 */
function separatorOf(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes('\t')) {
    return '\t';
  }
  return !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
}

/**
 * The records of a selection CSV with the line each ends on: a byte order mark, quotes, blank
 * lines and spaces around fields are taken care of. What the records mean is
 * `readSelectionRows`'s to say.
 */
export function readSelectionCsv(text: string): Result<SelectionRecord[], SelectionCsvRefusal> {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      delimiter: separatorOf(text.replace(/^\uFEFF/, '')),
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
    const line = typeof error.lines === 'number' ? ` (line ${error.lines})` : '';
    return {
      ok: false,
      failure: {
        code: 'SELECTION_CSV_UNREADABLE',
        message: `I could not read that file as CSV${line}: ${csvReason(error.code)} Nothing was changed.`,
      },
    };
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
