import type { LicenseCommand } from '../../domain/commands/license-command.ts';
import { describeSelection } from '../../domain/selection/user-selection.ts';

type ChangeCommand = Exclude<LicenseCommand, { kind: 'request' }>;

const list = (words: readonly string[]): string => words.join(', ');
const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The command with one typed word (a license, plan or user) replaced by what was picked. */
export function withWord(command: ChangeCommand, word: string, picked: string): ChangeCommand {
  const swap = (value: string): string => (same(value, word) ? picked : value);
  switch (command.kind) {
    case 'assign':
      return {
        ...command,
        license: swap(command.license),
        users: command.users.map(swap),
        withoutPlans: command.withoutPlans.map(swap),
      };
    case 'remove':
      return {
        ...command,
        license:
          command.license.scope === 'sku'
            ? { scope: 'sku', sku: swap(command.license.sku) }
            : command.license,
        users: command.users.map(swap),
      };
    case 'transfer':
      return {
        ...command,
        users: command.users.map(swap),
        fromSku: swap(command.fromSku),
        toSku: swap(command.toSku),
      };
    case 'modify':
      return {
        ...command,
        plans: command.plans.map(swap),
        ...(command.sku ? { sku: swap(command.sku) } : {}),
        users: command.users.map(swap),
      };
  }
}

/** The command as someone would type it, so a pick runs exactly like a typed request. */
export function commandText(command: ChangeCommand): string {
  // The reason goes last, as typed, so a pick keeps it.
  const change = `${changeText(command)}${command.pilot === undefined ? '' : ` pilot ${command.pilot}`}`;
  return command.justification ? `${change} because ${command.justification}` : change;
}

/** Whom the command names, with its joining word: people, a group, a filter or the file. */
function whom(command: ChangeCommand, joiner: 'to' | 'from' | 'for' | ''): string {
  const selection = command.selection;
  const words =
    selection === undefined
      ? list(command.users)
      : selection.kind === 'file'
        ? joiner === 'to' || joiner === 'from'
          ? 'this file'
          : 'the users in this file'
        : describeSelection(selection);
  // A file's rows come "from this file", whatever the command's own joining word.
  const joined = selection?.kind === 'file' && joiner === 'to' ? 'from' : joiner;
  return joined === '' ? words : `${joined} ${words}`;
}

function changeText(command: ChangeCommand): string {
  switch (command.kind) {
    case 'assign':
      return [
        `assign ${command.license}${command.license === '' ? '' : ' '}${whom(command, 'to')}`,
        command.withoutPlans.length > 0 ? ` without ${list(command.withoutPlans)}` : '',
        command.usageLocation ? ` location ${command.usageLocation}` : '',
      ].join('');
    case 'remove':
      return `remove ${command.license.scope === 'all' ? 'all' : command.license.sku} ${whom(command, 'from')}${command.keepMailbox === true ? ' keeping mailboxes' : ''}`;
    case 'transfer':
      return `transfer ${whom(command, '')} from ${command.fromSku} to ${command.toSku}`;
    case 'modify':
      return `${command.action} ${list(command.plans)}${command.sku ? ` in ${command.sku}` : ''} ${whom(command, 'for')}`;
  }
}
