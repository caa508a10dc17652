import { countryCodeOf } from '../geo/usage-location.ts';
import { cleanName, splitAtFirst, splitList } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';
import { maskQuoted, readSelection, splitAtSelection } from './read-who.ts';

export const assignExample =
  'assign E3 to adele@contoso.com, megan@contoso.com without Teams location FR';

// The optional parts after the users, each running to the next one or the end.
const optionPattern = /\s(without|except|excluding|usage location|location)\s/gi;

function splitOptions(text: string): { users: string; without: string[]; location?: string } {
  const padded = ` ${text} `;
  // Options are found outside quotes: a filter's value may hold the word "without".
  const found = [...maskQuoted(padded).matchAll(optionPattern)];
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

/** The license words and whom they go to: a selection, or people after the first "to". */
function splitLicenseAndWho(rest: string): { license: string; who?: string } {
  const at = splitAtSelection(rest);
  if (at) {
    return { license: at[0], who: at[1] };
  }
  const parts = splitAtFirst(rest, 'to');
  return parts ? { license: parts[0], who: parts[1] } : { license: rest };
}

/** Reads `assign <SKU or template> to <user>[, <user>…] [without <plan>, …] [location <CC>]`. */
export function parseAssign(rest: string): CommandResult {
  const parts = splitLicenseAndWho(rest);
  const options = splitOptions(parts.who ?? '');
  const selection = readSelection(options.users);
  const license = cleanName(parts.license.replace(/^(?:the\s+)?licen[cs]e\s+/i, ''));
  if (license === '' && selection?.kind !== 'file') {
    return commandFailure(
      'MISSING_LICENSE',
      'Say which license or template to assign.',
      assignExample,
    );
  }
  const users = selection ? [] : splitList(options.users);
  if (users.length === 0 && selection === undefined) {
    return commandFailure(
      'MISSING_USERS',
      `Say who should get ${license}: "to" and one or more users.`,
      assignExample,
    );
  }
  const chosen = selection ? { selection } : {};
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
      value: {
        kind: 'assign',
        license,
        users,
        withoutPlans: options.without,
        usageLocation,
        ...chosen,
      },
    };
  }
  return {
    ok: true,
    value: { kind: 'assign', license, users, withoutPlans: options.without, ...chosen },
  };
}
