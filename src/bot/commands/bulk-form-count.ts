import {
  countSelection,
  describeCount,
  type SelectionCount,
} from '../../domain/selection/selection-count.ts';
import type { Result } from '../../domain/errors.ts';
import { SELECTION_CSV_HEADER } from '../../domain/selection/csv/selection-header.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';
import type { CommandTurn } from '../routing/command.ts';
import { PASTED_CSV_NAME, selectionOf, typedPeople } from './bulk-form-command.ts';
import { WHO_MAX_LENGTH, whoWords, type BulkValues } from './bulk-form-values.ts';

/** Whom the form's "who" names, counted before anything is chosen to do to them. */
export interface CountedWho {
  count: SelectionCount;
  rowProblems: SelectionRowProblem[];
}

const missing: Readonly<Record<BulkValues['method'], string>> = {
  group: 'Name a group.',
  filter: 'Write a filter, e.g. department eq "Sales" and not has E5.',
  csv: `Paste the CSV, with its header: ${SELECTION_CSV_HEADER}.`,
  people: 'Name the people: email addresses, one a line or separated by commas.',
};

const noSkips = { devices: 0, contacts: 0, other: 0 };

/** People named one by one, each found once, counted like a selection. */
async function countPeople(turn: CommandTurn, who: string): Promise<Result<CountedWho, string>> {
  const found = await turn.deps.requests.findUsers(turn.caller.tenantId, typedPeople(who));
  if (found.kind === 'none') {
    return { ok: false, failure: `I found nobody matching "${found.typed}".` };
  }
  if (found.kind === 'several') {
    return {
      ok: false,
      failure: `Several people match "${found.typed}": use their email address.`,
    };
  }
  const users = [...new Map(found.users.map((user) => [user.id, user])).values()];
  const count = countSelection({
    users,
    label: 'the people named',
    skippedMembers: noSkips,
    rowProblems: [],
  });
  return { ok: true, value: { count, rowProblems: [] } };
}

/**
 * Counts whom the form names, as a request reads them: a group's members (nested included), a
 * filter's matches, a pasted CSV's rows (bad rows named by line), or people found one by one.
 * Nothing is planned yet: the change is chosen after the count.
 */
export async function countWho(
  turn: CommandTurn,
  values: BulkValues,
): Promise<Result<CountedWho, string>> {
  const who = whoWords(values);
  if (who.trim() === '') {
    return { ok: false, failure: missing[values.method] };
  }
  const max = WHO_MAX_LENGTH[values.method];
  if (who.length > max) {
    return {
      ok: false,
      failure:
        values.method === 'csv'
          ? `That CSV is ${who.length.toLocaleString('en-US')} characters; the form takes ${max.toLocaleString('en-US')}. Send a larger file with a message instead: assign <license> from this file.`
          : `Keep it under ${max.toLocaleString('en-US')} characters.`,
    };
  }
  const selection = selectionOf(values);
  if (selection === undefined) {
    return countPeople(turn, who);
  }
  const counted = await turn.deps.requests.count(
    turn.caller,
    selection,
    selection.kind === 'file' ? { name: PASTED_CSV_NAME, text: who } : undefined,
  );
  return counted.ok ? counted : { ok: false, failure: counted.message };
}

/** "247 users match group "Sales" (12 without usage location)", as the typed command says it. */
export const countedText = (counted: CountedWho): string => describeCount(counted.count);
