/**
 * The shapes of a selection CSV as the domain reads it: records in, rows and problems out. A row
 * names one user and, optionally, the license and plans to disable for them.
 */

/** One record of the CSV as read, with the line of the file it ends on. */
export interface SelectionRecord {
  line: number;
  fields: readonly string[];
}

/** How a row names its user: by user principal name or by object id, as typed. */
export interface RowUser {
  kind: 'upn' | 'objectId';
  value: string;
}

/** A well-formed row: its user, its license word (if the row names one) and plan words. */
export interface SelectionRow {
  line: number;
  user: RowUser;
  license?: string;
  disabledPlans: string[];
}

/** Why a row is left out; the last four are found when rows are resolved against the tenant. */
export type RowProblemReason =
  'malformed' | 'duplicate' | 'unknown user' | 'unknown SKU' | 'unknown plan' | 'plan not in SKU';

/** A row left out, by line, with the reason and a sentence in the admin's words. */
export interface SelectionRowProblem {
  line: number;
  reason: RowProblemReason;
  message: string;
}

/** The rows to go on with and the rows left out: a bad row never stops the good ones. */
export interface SelectionSheet {
  rows: SelectionRow[];
  problems: SelectionRowProblem[];
}

/** Why nothing of the CSV can be read as a selection. */
export interface SelectionSheetProblem {
  code: 'SELECTION_CSV_EMPTY' | 'SELECTION_CSV_HEADER' | 'SELECTION_CSV_TOO_LONG';
  message: string;
}

/** A problem for one row. */
export const rowProblem = (
  line: number,
  reason: RowProblemReason,
  message: string,
): SelectionRowProblem => ({ line, reason, message });

/** Problems in the order of the file. */
export const byLine = (problems: readonly SelectionRowProblem[]): SelectionRowProblem[] =>
  [...problems].sort((a, b) => a.line - b.line);
