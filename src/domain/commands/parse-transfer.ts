import { cleanName, splitAtFirst, splitList } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';
import { maskQuoted, readSelection } from './read-who.ts';

export const transferExample = 'transfer adele@contoso.com from Office 365 E3 to Microsoft 365 E3';

/** Reads `transfer <user>[, <user>…] from <SKU> to <SKU>`. */
export function parseTransfer(rest: string): CommandResult {
  const fromParts = splitSelectionAtFrom(rest) ?? splitAtFirst(rest, 'from');
  const selection = readSelection(fromParts?.[0] ?? rest);
  const users = selection ? [] : splitList(fromParts?.[0] ?? rest);
  if (users.length === 0 && !selection) {
    return commandFailure('MISSING_USERS', 'Say whose license to transfer.', transferExample);
  }
  const toParts = fromParts === undefined ? undefined : splitAtFirst(fromParts[1], 'to');
  const fromSku = cleanName(toParts?.[0] ?? '');
  const toSku = cleanName(toParts?.[1] ?? '');
  if (fromSku === '' || toSku === '') {
    return commandFailure(
      'MISSING_SKU',
      'Say both licenses: "from" the one they have "to" the one they should get.',
      transferExample,
    );
  }
  return {
    ok: true,
    value: { kind: 'transfer', users, fromSku, toSku, ...(selection ? { selection } : {}) },
  };
}

/**
 * A selection's words run to the last "from" outside quotes: a filter may say `has E3` and more
 * before it (`transfer users where department eq "Sales" and has E3 from E3 to E5`).
 */
function splitSelectionAtFrom(rest: string): [string, string] | undefined {
  const masked = maskQuoted(` ${rest} `);
  const last = [...masked.matchAll(/\sfrom\s/gi)].at(-1);
  if (last === undefined) {
    return undefined;
  }
  const padded = ` ${rest} `;
  const before = padded.slice(0, last.index).trim();
  return readSelection(before)
    ? [before, padded.slice(last.index + last[0].length).trim()]
    : undefined;
}
