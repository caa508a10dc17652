import type { SelectionReport } from '../../app/requests/request-license.ts';
import { describeCount, type SelectionCount } from '../../domain/selection/selection-count.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';
import { renderCard } from '../cards/render-card.ts';
import type { Reply } from '../routing/command.ts';

/** Rows named one by one in the answer; the rest are counted. */
const ROWS_LISTED = 20;

/** The sample of a count: "Adele Vance, Alex Wilber, … and 245 more". */
function sampleOf(count: SelectionCount): string {
  const names = count.sample.map((user) => user.displayName).join(', ');
  const more = count.count - count.sample.length;
  return more > 0 ? `${names} and ${more.toLocaleString('en-US')} more` : names;
}

/** "\n\n3 rows left out: line 4: unknown user …", or '' when every row was used. */
export function rowProblemsText(problems: readonly SelectionRowProblem[]): string {
  if (problems.length === 0) {
    return '';
  }
  const listed = problems
    .slice(0, ROWS_LISTED)
    .map((problem) => `- Line ${problem.line} (${problem.reason}): ${problem.message}`);
  const more = problems.length - ROWS_LISTED;
  return (
    `\n\n${problems.length.toLocaleString('en-US')} row${problems.length === 1 ? '' : 's'} of the file left out (the others go on):\n` +
    listed.join('\n') +
    (more > 0 ? `\n- … and ${more.toLocaleString('en-US')} more` : '')
  );
}

/** What a bulk selection counted, before the answer's own words; '' for people named. */
export function selectionText(selection: SelectionReport | undefined): string {
  if (selection === undefined) {
    return '';
  }
  return `${describeCount(selection.count)}: ${sampleOf(selection.count)}.${rowProblemsText(selection.rowProblems)}\n\n`;
}

/** A large selection, counted: the count, a sample, and a button to plan it for all of them. */
export function confirmSelectionReply(report: SelectionReport, typed: string): Reply {
  const { count } = report;
  return {
    card: renderCard('selection-confirm', {
      counted: describeCount(count),
      sample: sampleOf(count),
      question:
        'That is more people than I plan without asking. Check the count, then plan it: nothing changes until it is approved.',
      count: count.count.toLocaleString('en-US'),
      command: typed,
    }),
  };
}
