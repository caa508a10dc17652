import type { LicenseCommand } from '../../domain/commands/license-command.ts';

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
  return command.justification
    ? `${changeText(command)} because ${command.justification}`
    : changeText(command);
}

function changeText(command: ChangeCommand): string {
  switch (command.kind) {
    case 'assign':
      return [
        `assign ${command.license} to ${list(command.users)}`,
        command.withoutPlans.length > 0 ? ` without ${list(command.withoutPlans)}` : '',
        command.usageLocation ? ` location ${command.usageLocation}` : '',
      ].join('');
    case 'remove':
      return `remove ${command.license.scope === 'all' ? 'all' : command.license.sku} from ${list(command.users)}`;
    case 'transfer':
      return `transfer ${list(command.users)} from ${command.fromSku} to ${command.toSku}`;
    case 'modify':
      return `${command.action} ${list(command.plans)}${command.sku ? ` in ${command.sku}` : ''} for ${list(command.users)}`;
  }
}
