import type { DirectoryUser, Sku } from '../../domain/licensing.ts';
import type { ChangeCommand, RequestOptions, EarlyOutcome } from './request-outcome.ts';
import type { RequestDependencies } from './request-deps.ts';
import { findUsers } from './find-users.ts';
import { selectUsers } from '../selection/select-users.ts';
import { type RowLicense } from '../selection/selected-users.ts';
import {
  countSelection,
  describeCount,
  type SelectionCount,
} from '../../domain/selection/selection-count.ts';
import type { SelectionNote } from '../../domain/operations/operation.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';

/** The people a request is for, read once, and how a bulk selection counted. */
export interface AskedFor {
  users: DirectoryUser[];
  /** Present for a bulk selection. */
  selection?: {
    count: SelectionCount;
    note: SelectionNote;
    rowLicenses?: RowLicense[];
    /** Rows of a file left out, by line and reason: the requester sees every one. */
    rowProblems: SelectionRowProblem[];
  };
}

/** The license word a file's rows fall back on, when the command names one. */
function licenseWord(command: ChangeCommand): string | undefined {
  if (command.kind === 'assign') {
    return command.license === '' ? undefined : command.license;
  }
  if (command.kind === 'remove' && command.license.scope === 'sku') {
    return command.license.sku;
  }
  return undefined;
}

/**
 * Finds whom a command is for: named people one by one, or a group, filter or file read once
 * with what planning needs. A selection is counted first; past the policy's size it is only
 * counted until the requester confirms it.
 */
export async function whoIsAskedFor(
  deps: RequestDependencies,
  tenantId: string,
  command: ChangeCommand,
  skus: readonly Sku[],
  options: RequestOptions,
): Promise<{ ok: true; value: AskedFor } | { ok: false; outcome: EarlyOutcome }> {
  const directory = deps.directory.forTenant(tenantId);
  if (command.selection === undefined) {
    const found = await findUsers(directory, command.users);
    if (found.kind === 'none') {
      return {
        ok: false,
        outcome: {
          kind: 'problem',
          message: `I found nobody matching "${found.typed}". Use their email address, e.g. adele@contoso.com.`,
        },
      };
    }
    if (found.kind === 'several') {
      return {
        ok: false,
        outcome: { kind: 'chooseUser', typed: found.typed, matches: found.matches },
      };
    }
    return { ok: true, value: { users: found.users } };
  }
  const word = licenseWord(command);
  const selected = await selectUsers(directory, command.selection, skus, {
    ...(options.file ? { file: options.file } : {}),
    ...(word === undefined ? {} : { defaultLicense: word }),
    rowsNameLicenses: command.kind === 'assign' || command.kind === 'remove',
  });
  if (!selected.ok) {
    return { ok: false, outcome: { kind: 'problem', message: selected.message } };
  }
  const count = countSelection(selected.value);
  const counted = describeCount(count);
  if (count.count === 0) {
    return {
      ok: false,
      outcome: {
        kind: 'nothingToDo',
        message: `Nobody to change: ${counted}.`,
        ...(selected.value.rowProblems.length > 0
          ? { rowProblems: selected.value.rowProblems }
          : {}),
      },
    };
  }
  // A file is a list the requester made person by person; a group or filter may hold surprises.
  const mayHoldSurprises = command.selection.kind !== 'file';
  if (
    mayHoldSurprises &&
    count.count > deps.policy.confirmSelectionAbove &&
    options.confirmed !== true
  ) {
    return {
      ok: false,
      outcome: { kind: 'confirmSelection', count, rowProblems: selected.value.rowProblems },
    };
  }
  return {
    ok: true,
    value: {
      users: selected.value.users,
      selection: {
        count,
        note: { label: selected.value.label, counted },
        rowProblems: selected.value.rowProblems,
        ...(selected.value.rowLicenses ? { rowLicenses: selected.value.rowLicenses } : {}),
      },
    },
  };
}
