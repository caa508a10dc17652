import type { Sku } from '../../domain/licensing.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import type { Directory } from '../ports/directory.ts';
import { openFileRows } from './file-selection.ts';
import { openFilteredUsers } from './filter-selection.ts';
import { openGroupMembers } from './group-selection.ts';
import { readAll } from './read-together.ts';
import type { OpenedResult, SelectionInput, SelectionResult } from './selected-users.ts';

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

/** Reads the users of a group, a filter or a file once, with what planning needs. */
export async function selectUsers(
  directory: Directory,
  selection: BulkSelection,
  skus: readonly Sku[],
  input: SelectionInput,
): Promise<SelectionResult> {
  const opened = await openSelection(directory, selection, skus, input);
  return opened.ok ? readAll(opened.value) : opened;
}
