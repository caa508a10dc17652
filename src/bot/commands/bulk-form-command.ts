import { parseSchedulePhrase } from '../../domain/schedules/schedule-phrase.ts';
import type { ChangeCommand } from '../../app/requests/request-license.ts';
import type { RequestChoices } from '../../app/requests/request-use-cases.ts';
import type { SentCsv } from '../../app/selection/selected-users.ts';
import { splitList } from '../../domain/commands/command-text.ts';
import { parseLicenseCommand } from '../../domain/commands/grammar.ts';
import type { Result } from '../../domain/errors.ts';
import { countryCodeOf } from '../../domain/geo/usage-location.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import type { BulkValues } from './bulk-form-values.ts';

/** The bulk form as the message someone would type for it, with the pasted CSV as a file. */
export interface BulkCommand {
  text: string;
  command: ChangeCommand;
  file?: SentCsv;
}

/** The name a pasted CSV gets, as if it were a file sent with the message. */
export const PASTED_CSV_NAME = 'pasted.csv';

/** The value of the license list that removes every license assigned directly. */
export const ALL_LICENSES = 'all';

const SKU = 'sku:';
const TEMPLATE = 'template:';

/** People as the form's box takes them: one per line, or separated by commas or semicolons. */
export const typedPeople = (who: string): string[] => splitList(who.replace(/\r?\n/g, ', '));

/** The selection the form's "who" stands for, or undefined for people named one by one. */
export function selectionOf(values: BulkValues): BulkSelection | undefined {
  switch (values.method) {
    case 'group':
      return { kind: 'group', group: values.who.trim() };
    case 'filter':
      return { kind: 'filter', filter: values.who.trim() };
    case 'csv':
      return { kind: 'file' };
    case 'people':
      return undefined;
  }
}

/** The words a license choice stands for in a typed command: a part number or template name. */
function licenseWord(
  value: string,
  choices: RequestChoices,
  allowTemplate: boolean,
): Result<string, string> {
  const gone = 'That license is not offered in this tenant any more: pick another.';
  if (value.startsWith(SKU)) {
    const sku = choices.skus.find((entry) => entry.skuId === value.slice(SKU.length));
    return sku ? { ok: true, value: sku.skuPartNumber } : { ok: false, failure: gone };
  }
  if (value.startsWith(TEMPLATE)) {
    if (!allowTemplate) {
      return { ok: false, failure: 'A template can only be assigned: pick a product.' };
    }
    const id = value.slice(TEMPLATE.length);
    const template = choices.templates.find((entry) => entry.id === id);
    return template ? { ok: true, value: template.name } : { ok: false, failure: gone };
  }
  return { ok: false, failure: 'Pick a license.' };
}

const FILE_WORDS = {
  to: 'from this file',
  from: 'from this file',
  for: 'for users in this file',
  transfer: 'users in this file',
} as const;

/** Whom the command is for, in the words of each command kind ("transfer" has no joining word). */
function whoText(values: BulkValues, joining: keyof typeof FILE_WORDS): string {
  const join = (words: string) => (joining === 'transfer' ? words : `${joining} ${words}`);
  switch (values.method) {
    case 'group':
      return join(`group "${values.who.trim()}"`);
    case 'filter':
      return join(`users where ${values.who.trim()}`);
    case 'csv':
      return FILE_WORDS[joining];
    case 'people':
      return join(typedPeople(values.who).join(', '));
  }
}

const fail = (failure: string): Result<never, string> => ({ ok: false, failure });

/** The command words before the reason, or why the form cannot say it yet. */
function changeWords(values: BulkValues, choices: RequestChoices): Result<string, string> {
  const plans = splitList(values.plans);
  const fileNamesLicenses = values.method === 'csv' && values.license === '';
  switch (values.operation) {
    case '':
      return fail('Pick what to do: assign, remove, transfer, enable or disable plans.');
    case 'assign': {
      const license = fileNamesLicenses
        ? { ok: true as const, value: '' }
        : licenseWord(values.license, choices, true);
      if (!license.ok) {
        return license;
      }
      const location = values.location === '' ? undefined : countryCodeOf(values.location);
      if (values.location !== '' && location === undefined) {
        return fail(
          `"${values.location}" is not a country: give a two-letter country code such as US, GB or FR.`,
        );
      }
      return {
        ok: true,
        value: [
          `assign ${license.value}`.trim(),
          whoText(values, 'to'),
          plans.length > 0 ? `without ${plans.join(', ')}` : '',
          location ? `location ${location}` : '',
        ]
          .filter((part) => part !== '')
          .join(' '),
      };
    }
    case 'remove': {
      if (fileNamesLicenses) {
        return { ok: true, value: `remove ${whoText(values, 'from')}` };
      }
      const license =
        values.license === ALL_LICENSES
          ? { ok: true as const, value: 'all' }
          : licenseWord(values.license, choices, false);
      return license.ok
        ? { ok: true, value: `remove ${license.value} ${whoText(values, 'from')}` }
        : license;
    }
    case 'transfer': {
      const from = licenseWord(values.license, choices, false);
      const to = licenseWord(values.toLicense, choices, false);
      if (!from.ok || !to.ok) {
        return fail('Pick the license they have and the one they should get instead.');
      }
      if (from.value === to.value) {
        return fail('Pick two different licenses: the one they have, and the new one.');
      }
      return {
        ok: true,
        value: `transfer ${whoText(values, 'transfer')} from ${from.value} to ${to.value}`,
      };
    }
    case 'enable':
    case 'disable': {
      if (plans.length === 0) {
        return fail(`Name the service plans to ${values.operation}, e.g. Teams, Sway.`);
      }
      const license = licenseWord(values.license, choices, false);
      return license.ok
        ? {
            ok: true,
            value: `${values.operation} ${plans.join(', ')} in ${license.value} ${whoText(values, 'for')}`,
          }
        : license;
    }
  }
}

const sameSelection = (a: BulkSelection | undefined, b: BulkSelection | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The bulk form as the command someone would type, read back by the same parser as a message:
 * what the form submits is exactly what typing it asks for. A group name or filter that the
 * command's own words would cut (a "because", a quote) is refused instead of read differently.
 */
export function bulkCommand(
  values: BulkValues,
  choices: RequestChoices,
): Result<BulkCommand, string> {
  if (values.justification === '') {
    return fail('Say why: the approvers read this.');
  }
  const words = changeWords(values, choices);
  if (!words.ok) {
    return words;
  }
  // Read on its own first: inside the command, words that are no time would join the selection.
  const phrase = values.when === '' ? undefined : parseSchedulePhrase(values.when);
  if (phrase?.ok === false) {
    return fail(`${phrase.message} For example: ${phrase.example}`);
  }
  // A time goes before the reason, as typed: the same parser reads it (and refuses it clearly).
  const when = values.when === '' ? '' : ` ${values.when}`;
  const text = `${words.value}${when} because ${values.justification}`;
  const parsed = parseLicenseCommand(text);
  if (!parsed.ok) {
    return fail(parsed.failure.message);
  }
  const command = parsed.value;
  const people = values.method === 'people' ? typedPeople(values.who) : [];
  if (
    command.kind === 'request' ||
    !sameSelection(command.selection, selectionOf(values)) ||
    JSON.stringify(command.users) !== JSON.stringify(people)
  ) {
    return fail(
      'I cannot write that as one command: the group name or filter holds words of the command itself (because, without, location, from, quotes). Check it and try again.',
    );
  }
  return {
    ok: true,
    value:
      values.method === 'csv'
        ? { text, command, file: { name: PASTED_CSV_NAME, text: values.who } }
        : { text, command },
  };
}
