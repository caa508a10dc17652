import type { Result } from '../../errors.ts';
import type { ObjectIdFormat } from '../../object-ids.ts';
import { isBlankRecord, readSelectionRow } from './read-selection-row.ts';
import { SELECTION_CSV_HEADER, selectionColumns } from './selection-header.ts';
import {
  rowProblem,
  type SelectionRecord,
  type SelectionRow,
  type SelectionRowProblem,
  type SelectionSheet,
  type SelectionSheetProblem,
} from './selection-sheet.ts';

/** More users than one change should touch from a chat message: split the file. */
export const MAX_SELECTION_ROWS = 100_000;

export interface ReadSelectionOptions {
  /** How object ids look in this tenant: GUIDs, except in the embedded demo. */
  objectIds?: ObjectIdFormat;
}

const sheetProblem = (code: SelectionSheetProblem['code'], message: string) =>
  ({ ok: false, failure: { code, message } }) as const;

/** The same user named twice, whatever the case: `objectId:…` or `upn:…`. */
const userKey = (row: SelectionRow): string => `${row.user.kind}:${row.user.value.toLowerCase()}`;

/**
 * Checks every row of a selection CSV before anyone is looked up: the header names a user
 * column (`UserPrincipalName` or `ObjectId`; case, spaces and underscores ignored); each row
 * names one well-formed user, once. Blank rows are skipped. Every bad row is reported with its
 * line; the good rows are returned, in file order, with their license and plan words as typed.
 */
export function readSelectionRows(
  records: readonly SelectionRecord[],
  options: ReadSelectionOptions = {},
): Result<SelectionSheet, SelectionSheetProblem> {
  const [header, ...rest] = records;
  if (header === undefined) {
    return sheetProblem(
      'SELECTION_CSV_EMPTY',
      `The file is empty: its first line must name the columns \`${SELECTION_CSV_HEADER}\`.`,
    );
  }
  const columns = selectionColumns(header);
  if (columns === undefined) {
    return sheetProblem(
      'SELECTION_CSV_HEADER',
      `The first line must name the columns \`${SELECTION_CSV_HEADER}\`; line ${header.line} has no UserPrincipalName or ObjectId column.`,
    );
  }
  const data = rest.filter((record) => !isBlankRecord(record));
  if (data.length === 0) {
    return sheetProblem('SELECTION_CSV_EMPTY', 'The file has its header but no users.');
  }
  if (data.length > MAX_SELECTION_ROWS) {
    return sheetProblem(
      'SELECTION_CSV_TOO_LONG',
      `The file has ${data.length.toLocaleString('en-US')} rows; one change takes at most ${MAX_SELECTION_ROWS.toLocaleString('en-US')} users: split it into smaller files.`,
    );
  }
  const firstLines = new Map<string, number>();
  const rows: SelectionRow[] = [];
  const problems: SelectionRowProblem[] = [];
  for (const record of data) {
    const row = readSelectionRow(record, columns, options.objectIds ?? 'guid');
    if ('reason' in row) {
      problems.push(row);
      continue;
    }
    const first = firstLines.get(userKey(row));
    if (first !== undefined) {
      problems.push(
        rowProblem(
          row.line,
          'duplicate',
          `${row.user.value} is already on line ${first}: give each user once.`,
        ),
      );
      continue;
    }
    firstLines.set(userKey(row), row.line);
    rows.push(row);
  }
  return { ok: true, value: { rows, problems } };
}
