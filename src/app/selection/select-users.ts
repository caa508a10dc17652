import type { Sku } from '../../domain/licensing.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import type { Directory } from '../ports/directory.ts';
import { openFileRows } from './file-selection.ts';
import { openFilteredUsers } from './filter-selection.ts';
import { openGroupMembers } from './group-selection.ts';
import type { OpenedResult, SelectionInput } from './selected-users.ts';

/**
 * Finds what a group, a filter or a file names (the group, the compiled filter, the file's rows
 * with their users), ready to read its users once with what planning needs.
 */
export function openSelection(
  directory: Directory,
  selection: BulkSelection,
  skus: readonly Sku[],
  input: SelectionInput,
): Promise<OpenedResult> {
  switch (selection.kind) {
    case 'group':
      return openGroupMembers(directory, selection.group);
    case 'filter':
      return Promise.resolve(openFilteredUsers(directory, selection.filter, skus));
    case 'file':
      return openFileRows(directory, skus, input);
  }
}
