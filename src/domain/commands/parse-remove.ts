import { cleanName, splitAtLast, splitList } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';
import { readSelection, splitAtSelection } from './read-who.ts';

export const removeExample = 'remove Power BI Pro from adele@contoso.com';

const everything =
  /^(?:all|all (?:of )?(?:the |their |his |her )?licen[cs]es|every(?:thing| license))$/i;

// `… keeping mailboxes` (or "keep the mailbox", "preserving mailboxes") ends a removal.
const keepMailboxWords =
  /[\s,]+(?:and\s+)?(?:keep|keeping|preserve|preserving)\s+(?:the\s+|their\s+|his\s+|her\s+)?mailbox(?:es)?(?:\s+data)?$/i;

/** Reads `remove <SKU|all> from <user>[, <user>…] [keeping mailboxes]`. */
export function parseRemove(typed: string): CommandResult {
  const keeping = keepMailboxWords.exec(typed);
  const rest = keeping ? typed.slice(0, keeping.index).trim() : typed;
  const kept = keeping ? { keepMailbox: true } : {};
  const at = splitAtSelection(rest);
  const selection = at && readSelection(at[1]);
  const parts = selection ? at : splitAtLast(rest, 'from');
  const license = cleanName((parts?.[0] ?? rest).replace(/^(?:the\s+)?licen[cs]e\s+/i, ''));
  if (license === '' && selection?.kind !== 'file') {
    return commandFailure(
      'MISSING_LICENSE',
      'Say which license to remove, or "all" for every license assigned directly.',
      removeExample,
    );
  }
  const users = selection ? [] : splitList(parts?.[1] ?? '');
  if (users.length === 0 && !selection) {
    return commandFailure(
      'MISSING_USERS',
      `Say whose ${license} to remove: "from" and one or more users.`,
      removeExample,
    );
  }
  return {
    ok: true,
    value: {
      kind: 'remove',
      license: everything.test(license) ? { scope: 'all' } : { scope: 'sku', sku: license },
      users,
      ...(selection ? { selection } : {}),
      ...kept,
    },
  };
}
