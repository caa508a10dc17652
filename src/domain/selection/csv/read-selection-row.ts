import { isObjectId, type ObjectIdFormat } from '../../object-ids.ts';
import type { SelectionColumns } from './selection-header.ts';
import {
  rowProblem,
  type SelectionRecord,
  type SelectionRow,
  type SelectionRowProblem,
} from './selection-sheet.ts';

/** name@domain.tld: what every user principal name looks like (guests' `#EXT#` included). */
const UPN = /^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

const cell = (record: SelectionRecord, at: number): string =>
  at === -1 ? '' : (record.fields[at] ?? '').trim();

/** Whether a record has nothing in any field (`,,` lines that spreadsheets leave at the end). */
export const isBlankRecord = (record: SelectionRecord): boolean =>
  record.fields.every((field) => field.trim() === '');

/** `Teams; Sway;` → `['Teams', 'Sway']`. */
const planWords = (text: string): string[] =>
  text
    .split(';')
    .map((word) => word.trim())
    .filter((word) => word !== '');

/**
 * One data record as a row, or why it is malformed. When a row has both an object id and a user
 * principal name, the id is used: it names the user exactly.
 */
export function readSelectionRow(
  record: SelectionRecord,
  columns: SelectionColumns,
  objectIds: ObjectIdFormat,
): SelectionRow | SelectionRowProblem {
  const id = cell(record, columns.objectId);
  const upn = cell(record, columns.upn);
  const malformed = (message: string) => rowProblem(record.line, 'malformed', message);
  if (id !== '' && !isObjectId(id, objectIds)) {
    return malformed(
      `"${id}" is not an object id (a GUID such as 6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10).`,
    );
  }
  if (id === '' && upn === '') {
    return malformed('This row names no user: give a UserPrincipalName or an ObjectId.');
  }
  if (id === '' && !UPN.test(upn)) {
    return malformed(`"${upn}" is not a user principal name (name@domain).`);
  }
  const license = cell(record, columns.license);
  return {
    line: record.line,
    user: id !== '' ? { kind: 'objectId', value: id } : { kind: 'upn', value: upn },
    ...(license !== '' ? { license } : {}),
    disabledPlans: planWords(cell(record, columns.disabledPlans)),
  };
}
