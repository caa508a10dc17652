import type { Sku } from '../../domain/licensing.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import type { Directory } from '../ports/directory.ts';
import { selectFileRows } from './file-selection.ts';
import { selectFilteredUsers } from './filter-selection.ts';
import { selectGroupMembers } from './group-selection.ts';
import type { SelectionInput, SelectionResult } from './selected-users.ts';

/** Reads the users of a group, a filter or a file once, with what planning needs. */
export function selectUsers(
  directory: Directory,
  selection: BulkSelection,
  skus: readonly Sku[],
  input: SelectionInput,
): Promise<SelectionResult> {
  switch (selection.kind) {
    case 'group':
      return selectGroupMembers(directory, selection.group);
    case 'filter':
      return selectFilteredUsers(directory, selection.filter, skus);
    case 'file':
      return selectFileRows(directory, skus, input);
  }
}
