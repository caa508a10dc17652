import { policyForTenant } from './policy-for-tenant.ts';
import type { DirectoryUser, Sku } from '../../domain/licensing.ts';
import type { ChangeCommand, RequestOptions, EarlyOutcome } from './request-outcome.ts';
import type { RequestDependencies } from './request-deps.ts';
import { findUsers } from './find-users.ts';
import type { TakeUser } from '../selection/read-together.ts';
import { openSelection } from '../selection/select-users.ts';
import type { OpenedSelection, RowLicense, SkippedMembers } from '../selection/selected-users.ts';
import {
  describeCount,
  SelectionTally,
  type SelectionCount,
} from '../../domain/selection/selection-count.ts';
import type { SelectionNote } from '../../domain/operations/operation.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';

/** The people a request is for, read once, and how a bulk selection counted. */
export interface AskedFor {
  /**
   * The people, held in memory: named one by one, a file's rows, or a selection read before it
   * could be planned. Empty when a selection's users went to the planner as they were read.
   */
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

/**
 * Where a selection's users go as they are read, when they can be planned then: asked once the
 * selection is found (a file's rows name their licenses), answers the planner's `take`, or
 * undefined to have the users held and planned after the read.
 */
export type PlanAsRead = (rowLicenses: readonly RowLicense[] | undefined) => TakeUser | undefined;

/** What reading a selection counted, and the users held (undefined past `holdUpTo`). */
interface ReadSelection {
  tally: SelectionTally;
  held: DirectoryUser[] | undefined;
  skippedMembers: SkippedMembers;
}

/**
 * Reads a selection once, counting it listing by listing; each user goes to `take` when given,
 * else is held, up to `holdUpTo` users (past that, the count is all that is kept).
 */
async function readSelection(
  opened: OpenedSelection,
  take: TakeUser | undefined,
  holdUpTo: number,
): Promise<ReadSelection> {
  const tallies: SelectionTally[] = [];
  let held: DirectoryUser[][] | undefined = take === undefined ? [] : undefined;
  let holding = 0;
  const skippedMembers = await opened.read((user, listing) => {
    (tallies[listing] ??= new SelectionTally()).add(user);
    if (take !== undefined) {
      take(user, listing);
    } else if (held !== undefined && holding < holdUpTo) {
      (held[listing] ??= []).push(user);
      holding += 1;
    } else {
      held = undefined;
    }
  });
  const tally = new SelectionTally();
  for (const listing of tallies) {
    if (listing !== undefined) {
      tally.merge(listing);
    }
  }
  return { tally, held: held?.flat(), skippedMembers };
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
 * with what planning needs. A selection is counted as it is read; past the policy's size it is
 * only counted until the requester confirms it. A confirmed group or filter goes to `planAsRead`
 * user by user as it is read, when the planner takes it.
 */
export async function whoIsAskedFor(
  deps: RequestDependencies,
  tenantId: string,
  command: ChangeCommand,
  skus: readonly Sku[],
  options: RequestOptions,
  planAsRead?: PlanAsRead,
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
  const opened = await openSelection(directory, command.selection, skus, {
    ...(options.file ? { file: options.file } : {}),
    ...(word === undefined ? {} : { defaultLicense: word }),
    rowsNameLicenses: command.kind === 'assign' || command.kind === 'remove',
  });
  if (!opened.ok) {
    return { ok: false, outcome: { kind: 'problem', message: opened.message } };
  }
  const { label, rowProblems, rowLicenses } = opened.value;
  // A file is a list the requester made person by person; a group or filter may hold surprises.
  const mayHoldSurprises = command.selection.kind !== 'file';
  const confirming = mayHoldSurprises && options.confirmed !== true;
  // A group or filter confirmed is planned whatever its size: each user as they are read. One
  // that may need confirming is held up to the size that asks for it, and planned after.
  const take = mayHoldSurprises && !confirming ? planAsRead?.(rowLicenses) : undefined;
  const read = await readSelection(
    opened.value,
    take,
    confirming ? policyForTenant(deps, tenantId).confirmSelectionAbove : Number.POSITIVE_INFINITY,
  );
  const count = read.tally.counted({ label, skippedMembers: read.skippedMembers, rowProblems });
  const counted = describeCount(count);
  if (count.count === 0) {
    return {
      ok: false,
      outcome: {
        kind: 'nothingToDo',
        message: `Nobody to change: ${counted}.`,
        ...(rowProblems.length > 0 ? { rowProblems } : {}),
      },
    };
  }
  if (confirming && count.count > policyForTenant(deps, tenantId).confirmSelectionAbove) {
    return { ok: false, outcome: { kind: 'confirmSelection', count, rowProblems } };
  }
  return {
    ok: true,
    value: {
      users: read.held ?? [],
      selection: {
        count,
        note: { label, counted },
        rowProblems,
        ...(rowLicenses ? { rowLicenses } : {}),
      },
    },
  };
}
