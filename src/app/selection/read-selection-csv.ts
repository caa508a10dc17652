import { readCsvRecords } from '../csv/read-csv-records.ts';
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
  const read = readCsvRecords(text, separatorOf(text.replace(/^\uFEFF/, '')));
  if (read.ok) {
    return read;
  }
  const line = read.failure.line === undefined ? '' : ` (line ${read.failure.line})`;
  return {
    ok: false,
    failure: {
      code: 'SELECTION_CSV_UNREADABLE',
      message: `I could not read that file as CSV${line}: ${read.failure.reason} Nothing was changed.`,
    },
  };
}
