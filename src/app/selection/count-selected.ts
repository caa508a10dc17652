import type { Sku } from '../../domain/licensing.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';
import { SelectionTally, type SelectionCount } from '../../domain/selection/selection-count.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import type { Directory } from '../ports/directory.ts';
import { openSelection } from './select-users.ts';
import type { SentCsv } from './selected-users.ts';

/**
 * Counts whom a selection names as its users are read, keeping the counts and the first few
 * people only (a 50,000-user group is counted without holding 50,000 users), with a file's rows
 * left out.
 */
export async function countSelected(
  directory: Directory,
  selection: BulkSelection,
  skus: readonly Sku[],
  file?: SentCsv,
): Promise<
  | { ok: true; value: { count: SelectionCount; rowProblems: SelectionRowProblem[] } }
  | { ok: false; message: string }
> {
  const opened = await openSelection(directory, selection, skus, {
    ...(file ? { file } : {}),
    // The rows' licenses are read when the change is planned: here only their people count.
    rowsNameLicenses: false,
  });
  if (!opened.ok) {
    return opened;
  }
  const { label, rowProblems } = opened.value;
  const listings: SelectionTally[] = [];
  const skippedMembers = await opened.value.read((user, listing) => {
    (listings[listing] ??= new SelectionTally()).add(user);
  });
  const tally = new SelectionTally();
  listings.forEach((listing) => tally.merge(listing));
  return {
    ok: true,
    value: { count: tally.counted({ label, skippedMembers, rowProblems }), rowProblems },
  };
}
