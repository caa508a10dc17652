import type { PreviewOutcome } from '../../app/requests/request-outcome.ts';
import { describeCount } from '../../domain/selection/selection-count.ts';
import { recordImpact } from '../../domain/planning/impact-record.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';
import type { BulkFormValues } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import { impactLines } from '../requests/approval-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import type { BulkCommand } from './bulk-form-command.ts';
import { ALL_LICENSES } from './bulk-form-command.ts';
import type { CountedWho } from './bulk-form-count.ts';
import {
  BULK_METHODS,
  WHO_MAX_LENGTH,
  type BulkMethod,
  type BulkValues,
} from './bulk-form-values.ts';
import { licenseChoices } from './request-form-license.ts';

const TITLE = 'Bulk license change';

/** Rows of a pasted CSV named on a card; the rest are counted (the card stays small). */
const ROWS_SHOWN = 10;

const methodWords: Readonly<
  Record<
    BulkMethod,
    { tab: string; line: string; label: string; placeholder: string; hint: string }
  >
> = {
  group: {
    tab: 'By group',
    line: 'Everyone in a group, nested groups included',
    label: 'Group name',
    placeholder: 'Sales',
    hint: 'The group’s name as Entra shows it. Dynamic groups work too.',
  },
  filter: {
    tab: 'By filter',
    line: 'The users a filter matches',
    label: 'Filter',
    placeholder: 'department eq "Sales" and not has E5',
    hint: 'A field, an operator and a quoted value, joined by and / or; has <license> checks a license. E.g. department eq "Sales" and not has E5, or jobTitle startsWith "Sales" and usageLocation eq "FR".',
  },
  csv: {
    tab: 'Paste a CSV',
    line: 'The people in the rows of a CSV',
    label: 'CSV, header first',
    placeholder: 'UserPrincipalName,LicenseSKU,DisabledPlans',
    hint: `Header: UserPrincipalName,LicenseSKU,DisabledPlans (only UserPrincipalName is needed; a row’s LicenseSKU wins over the license picked next). Up to ${WHO_MAX_LENGTH.csv.toLocaleString('en-US')} characters: send a larger file in the chat with “assign <license> from this file”.`,
  },
  people: {
    tab: 'List people',
    line: 'People named one by one',
    label: 'Email addresses',
    placeholder: 'adelev@contoso.onmicrosoft.com',
    hint: 'One a line, or separated by commas.',
  },
};

const cardValues = (values: BulkValues): BulkFormValues => ({ ...values });

/** Step 1: how to pick people, and the one input for the method in use. */
export function whoStep(values: BulkValues, message = ''): Reply {
  const words = methodWords[values.method];
  const { method: _method, who: _who, ...carried } = values;
  return {
    card: renderCard('bulk-form', {
      title: TITLE,
      message,
      methods: BULK_METHODS.map((method) => ({
        title: methodWords[method].tab,
        method,
        style: method === values.method ? 'positive' : 'default',
      })),
      method: values.method,
      methodLine: words.line,
      who: values.who,
      whoLabel: words.label,
      whoPlaceholder: words.placeholder,
      whoHint: words.hint,
      whoMultiline: values.method === 'csv' || values.method === 'people',
      whoMaxLength: WHO_MAX_LENGTH[values.method],
      carried,
    }),
  };
}

/** The first rows left out, by line, and a note that counts them all. */
function rowsShown(problems: readonly SelectionRowProblem[]) {
  const total = problems.length;
  return {
    rowsNote:
      total === 0
        ? ''
        : `${total.toLocaleString('en-US')} row${total === 1 ? '' : 's'} of the CSV left out (the others go on)${total > ROWS_SHOWN ? `; the first ${ROWS_SHOWN}:` : ':'}`,
    rows: problems
      .slice(0, ROWS_SHOWN)
      .map((problem) => ({ line: `Line ${problem.line} (${problem.reason}): ${problem.message}` })),
  };
}

/** "Adele Vance, Alex Wilber and 245 more". */
function sampleOf(counted: CountedWho): string {
  const { count } = counted;
  const names = count.sample.map((user) => user.displayName).join(', ');
  const more = count.count - count.sample.length;
  return more > 0 ? `${names} and ${more.toLocaleString('en-US')} more` : names;
}

const operationChoices = [
  { title: 'Assign a license or a template', value: 'assign' },
  { title: 'Remove a license (or all licenses assigned directly)', value: 'remove' },
  { title: 'Transfer: swap a license for another', value: 'transfer' },
  { title: 'Turn service plans on', value: 'enable' },
  { title: 'Turn service plans off', value: 'disable' },
];

/** Step 2: the count and a sample, then what to do to them. */
export async function whatStep(
  turn: CommandTurn,
  values: BulkValues,
  counted: CountedWho,
  message = '',
): Promise<Reply> {
  const { deps, caller } = turn;
  const { skus, templates } = await deps.requests.choices(caller.tenantId);
  const missing = counted.count.withoutUsageLocation;
  const location =
    values.location !== ''
      ? values.location
      : missing > 0
        ? await deps.requests.organizationCountry(caller.tenantId)
        : '';
  return {
    card: renderCard('bulk-form-what', {
      title: TITLE,
      message,
      counted: describeCount(counted.count),
      sample: sampleOf(counted),
      ...rowsShown(counted.rowProblems),
      values: cardValues(values),
      operationChoices,
      licenseLabel:
        values.method === 'csv'
          ? 'License or template (none when the CSV’s LicenseSKU column names them; for a transfer, the one they have)'
          : 'License or template (for a transfer, the one they have now)',
      licenseChoices: [
        ...licenseChoices(skus, templates),
        { title: 'All licenses assigned directly (remove only)', value: ALL_LICENSES },
      ],
      toLicenseChoices: licenseChoices(skus, []),
      askLocation: missing > 0,
      locationNote: `${missing.toLocaleString('en-US')} of them ${missing === 1 ? 'has' : 'have'} no usage location, and a license needs one: an assign sets this one for them first.`,
      location,
    }),
  };
}

function approvalText(preview: Extract<PreviewOutcome, { kind: 'preview' }>): string {
  if (preview.approversNeeded === 0) {
    return 'You may do this without an approver: it runs once submitted.';
  }
  const who =
    preview.approversNeeded === 1
      ? 'an approver'
      : `${preview.approversNeeded} different approvers`;
  const why = preview.reasons.length > 0 ? `: ${preview.reasons.join(' ')}` : '.';
  return `Needs ${who}${why}`;
}

/** Step 3: the change as planned now (summary, impact, approval), to submit or go back. */
export function reviewStep(
  values: BulkValues,
  preview: Extract<PreviewOutcome, { kind: 'preview' }>,
  asked: BulkCommand,
): Reply {
  const { selection } = preview;
  return {
    card: renderCard('bulk-form-review', {
      title: TITLE,
      summary: preview.summary,
      counted: selection ? describeCount(selection.count) : '',
      impact: impactLines(recordImpact(preview.impact, preview.reasons)).map((line) => ({ line })),
      approval: approvalText(preview),
      ...rowsShown(selection?.rowProblems ?? []),
      typed: `Typed, this is: ${asked.text}${asked.file ? ' (with the CSV sent as a file)' : ''}`,
      values: cardValues(values),
    }),
  };
}
