import type { ChangeCommand } from '../../app/requests/request-outcome.ts';
import type { SentCsv } from '../../app/selection/selected-users.ts';
import type {
  RowProblemReason,
  SelectionRowProblem,
} from '../../domain/selection/csv/selection-sheet.ts';
import { SELECTION_CSV_HEADER } from '../../domain/selection/csv/selection-header.ts';
import type { ApiAnswer } from '../api-route.ts';
import { ApiProblem } from '../problem.ts';
import { askChange, idempotent, type ChangeContext } from './change-request.ts';
import { requestAnswer } from './request-answer.ts';

/** How many wrong rows a refusal lists: enough to fix a file's pattern, short enough to read. */
export const ROWS_LISTED = 20;

const FIXES: Record<RowProblemReason, string> = {
  malformed: `Give each row a user principal name or object id (columns ${SELECTION_CSV_HEADER}).`,
  duplicate: 'Name each user once: remove the repeated row.',
  'unknown user':
    'Check the address, or use the user’s object id: the user must be in this tenant.',
  'unknown SKU':
    'Use a SKU part number, product name or id the tenant has, or leave the cell empty to take the sku query parameter.',
  'unknown plan': 'Use a service plan name or id of that SKU, separated by semicolons.',
  'plan not in SKU':
    'Leave out plans the row’s SKU does not hold, or name the SKU that holds them.',
};

/** The 422 for a CSV with wrong rows: the first ones, by line, what is wrong and the fix. */
function rowsInvalid(problems: readonly SelectionRowProblem[]): ApiProblem {
  const listed = problems.slice(0, ROWS_LISTED);
  return new ApiProblem(
    422,
    'CSV_ROWS_INVALID',
    'CSV rows invalid',
    `${problems.length} row${problems.length === 1 ? '' : 's'} of the CSV ${
      problems.length === 1 ? 'is' : 'are'
    } wrong${problems.length > listed.length ? ` (the first ${listed.length} are listed)` : ''}: fix ${
      problems.length === 1 ? 'it' : 'them'
    } and send the file again. Nothing was stored.`,
    {
      rows: listed.map((problem) => ({
        line: problem.line,
        reason: problem.reason,
        message: problem.message,
        fix: FIXES[problem.reason],
      })),
    },
  );
}

/**
 * Asks for a change to the users of a CSV body, read as the chat reads a sent file. Its rows
 * are checked first with the planner's preview, which stores nothing: a file with any wrong row
 * is refused whole (a script fixes and resends it), where the chat goes on with the good rows
 * and tells the person the rest.
 */
export function askCsvChange(
  context: ChangeContext,
  command: ChangeCommand,
  text: string,
): Promise<ApiAnswer> {
  const file: SentCsv = { name: 'the CSV body', text };
  const asked: ChangeCommand = { ...command, selection: { kind: 'file' } };
  return idempotent(context, async () => {
    const preview = await context.uses.requests.preview(context.who.caller, asked, { file });
    if (preview.kind !== 'preview') {
      return requestAnswer(preview);
    }
    const problems = preview.selection?.rowProblems ?? [];
    if (problems.length > 0) {
      throw rowsInvalid(problems);
    }
    return askChange(context, asked, { file });
  });
}
