import type { DirectoryUser, Sku } from '../../domain/licensing.ts';
import { readSelectionRows } from '../../domain/selection/csv/read-selection-rows.ts';
import { SELECTION_CSV_HEADER } from '../../domain/selection/csv/selection-header.ts';
import { byLine } from '../../domain/selection/csv/selection-sheet.ts';
import type { Directory } from '../ports/directory.ts';
import { readSelectionCsv } from './read-selection-csv.ts';
import { resolveSelectionCsv, resolveSelectionUsers } from './resolve-selection-csv.ts';
import type { OpenedResult, OpenedSelection, SelectionInput } from './selected-users.ts';

const label = 'the users in the file';

/** A file's users, already found: read, they are handed over in the rows' order. */
function inMemory(
  users: readonly DirectoryUser[],
  rest: Omit<OpenedSelection, 'label' | 'read'>,
): OpenedResult {
  return {
    ok: true,
    value: {
      label,
      ...rest,
      read: (take) => {
        users.forEach((user) => take(user, 0));
        return Promise.resolve({ devices: 0, contacts: 0, other: 0 });
      },
    },
  };
}

/**
 * The users of a CSV's rows. For an assign or a remove the rows may name their licenses (a row
 * without one takes the license the message names); for a transfer or plan change the message
 * says the change and the rows name people only. Bad rows are kept as problems by line.
 */
export async function openFileRows(
  directory: Directory,
  skus: readonly Sku[],
  input: SelectionInput,
): Promise<OpenedResult> {
  const file = input.file;
  if (file === undefined) {
    return {
      ok: false,
      message: `Send the CSV with the message (columns ${SELECTION_CSV_HEADER}).`,
    };
  }
  if (input.rowsNameLicenses) {
    const resolved = await resolveSelectionCsv(file.text, {
      directory,
      skus,
      ...(input.defaultLicense === undefined ? {} : { defaultLicense: input.defaultLicense }),
    });
    if (!resolved.ok) {
      return { ok: false, message: `"${file.name}": ${resolved.failure.message}` };
    }
    return inMemory(
      resolved.value.rows.map((row) => row.user),
      {
        rowProblems: resolved.value.problems,
        rowLicenses: resolved.value.groups.map((group) => ({
          skuId: group.skuId,
          disabledPlanIds: group.disabledPlanIds,
          userIds: group.rows.map((row) => row.user.id),
        })),
      },
    );
  }
  const records = readSelectionCsv(file.text);
  const sheet = records.ok ? readSelectionRows(records.value, { objectIds: 'guid' }) : records;
  if (!sheet.ok) {
    return { ok: false, message: `"${file.name}": ${sheet.failure.message}` };
  }
  // The change comes from the message: rows' license columns are not read, only their users.
  const rows = sheet.value.rows.map((row) => ({ ...row, skuId: '', disabledPlanIds: [] }));
  const found = await resolveSelectionUsers(rows, directory);
  return inMemory(
    found.rows.map((row) => row.user),
    { rowProblems: byLine([...sheet.value.problems, ...found.problems]) },
  );
}
