import { cleanName, splitAtLast, splitList } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';
import { readSelection, splitAtSelection } from './read-who.ts';

export const modifyExample = 'disable Teams, Sway in Microsoft 365 E3 for adele@contoso.com';

/** Reads `enable|disable <plan>[, <plan>…] [in <SKU>] for <user>[, <user>…]`. */
export function parseModify(action: 'enable' | 'disable', rest: string): CommandResult {
  const at = splitAtSelection(rest);
  const selection = at && readSelection(at[1]);
  const forParts = selection ? at : splitAtLast(rest, 'for');
  const users = selection ? [] : splitList(forParts?.[1] ?? '');
  if (forParts === undefined || (users.length === 0 && !selection)) {
    return commandFailure(
      'MISSING_USERS',
      `Say for whom to ${action} it: "for" and one or more users.`,
      modifyExample,
    );
  }
  const what = forParts[0];
  const inParts = splitAtLast(what, 'in');
  const plans = splitList(inParts?.[0] ?? what);
  if (plans.length === 0) {
    return commandFailure('MISSING_PLANS', `Say which service plans to ${action}.`, modifyExample);
  }
  const sku = cleanName(inParts?.[1] ?? '');
  const chosen = selection ? { selection } : {};
  return {
    ok: true,
    value:
      sku === ''
        ? { kind: 'modify', action, plans, users, ...chosen }
        : { kind: 'modify', action, plans, sku, users, ...chosen },
  };
}
