import { countryCodeOf } from '../geo/usage-location.ts';
import { cleanName, splitAtFirst, splitList } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';

export const assignExample =
  'assign E3 to adele@contoso.com, megan@contoso.com without Teams location FR';

// The optional parts after the users, each running to the next one or the end.
const optionPattern = /\s(without|except|excluding|usage location|location)\s/gi;

function splitOptions(text: string): { users: string; without: string[]; location?: string } {
  const padded = ` ${text} `;
  const found = [...padded.matchAll(optionPattern)];
  const users = padded.slice(0, found[0]?.index ?? padded.length).trim();
  const without: string[] = [];
  let location: string | undefined;
  found.forEach((match, i) => {
    const end = found[i + 1]?.index ?? padded.length;
    const value = padded.slice(match.index + match[0].length, end).trim();
    if (match[1]!.toLowerCase().endsWith('location')) {
      location = value;
    } else {
      without.push(...splitList(value));
    }
  });
  return location === undefined ? { users, without } : { users, without, location };
}

/** Reads `assign <SKU or template> to <user>[, <user>…] [without <plan>, …] [location <CC>]`. */
export function parseAssign(rest: string): CommandResult {
  const parts = splitAtFirst(rest, 'to');
  const license = cleanName((parts?.[0] ?? rest).replace(/^(?:the\s+)?licen[cs]e\s+/i, ''));
  if (license === '') {
    return commandFailure(
      'MISSING_LICENSE',
      'Say which license or template to assign.',
      assignExample,
    );
  }
  const options = splitOptions(parts?.[1] ?? '');
  const users = splitList(options.users);
  if (users.length === 0) {
    return commandFailure(
      'MISSING_USERS',
      `Say who should get ${license}: "to" and one or more users.`,
      assignExample,
    );
  }
  if (options.location !== undefined) {
    const usageLocation = countryCodeOf(cleanName(options.location));
    if (usageLocation === undefined) {
      return commandFailure(
        'INVALID_LOCATION',
        `"${options.location}" is not a country: give a two-letter country code such as US, GB or FR.`,
        assignExample,
      );
    }
    return {
      ok: true,
      value: { kind: 'assign', license, users, withoutPlans: options.without, usageLocation },
    };
  }
  return { ok: true, value: { kind: 'assign', license, users, withoutPlans: options.without } };
}
