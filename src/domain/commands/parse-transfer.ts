import { cleanName, splitAtFirst, splitList } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';

export const transferExample = 'transfer adele@contoso.com from Office 365 E3 to Microsoft 365 E3';

/** Reads `transfer <user>[, <user>…] from <SKU> to <SKU>`. */
export function parseTransfer(rest: string): CommandResult {
  const fromParts = splitAtFirst(rest, 'from');
  const users = splitList(fromParts?.[0] ?? rest);
  if (users.length === 0) {
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
  return { ok: true, value: { kind: 'transfer', users, fromSku, toSku } };
}
