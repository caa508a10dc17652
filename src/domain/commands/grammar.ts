import { z } from 'zod';
import { splitSchedule } from '../schedules/schedule-phrase.ts';
import { closestMatch } from '../text/closest.ts';
import { tidyPlainText } from './command-text.ts';
import { commandFailure, type CommandResult } from './command-failure.ts';
import { assignExample, parseAssign } from './parse-assign.ts';
import { modifyExample, parseModify } from './parse-modify.ts';
import { parseRemove, removeExample } from './parse-remove.ts';
import { parseTransfer, transferExample } from './parse-transfer.ts';
import { maskQuoted } from './read-who.ts';

/** One license command as the `help` card shows it. */
export interface CommandHelp {
  usage: string;
  description: string;
  examples: string[];
}

interface GrammarEntry {
  /** First words that start this command; the first is the one `help` shows. */
  verbs: string[];
  help: CommandHelp;
  parse(rest: string, verb: string): CommandResult;
}

/** The license commands, in the order `help` lists them. Routing goes through this table. */
export const licenseCommandGrammar: readonly GrammarEntry[] = [
  {
    verbs: ['assign', 'give', 'add'],
    help: {
      usage:
        'assign <SKU or template> to <user>[, <user>…] [without <plan>, …] [location <CC>] [because <reason>]',
      description: 'Give users a license or a template, optionally with some service plans off.',
      examples: [
        'assign E5 to adele@contoso.com',
        'assign Standard Employee to megan@contoso.com, alex@contoso.com',
        assignExample,
        'assign Power BI Pro to lynne@contoso.com because she reports on sales',
        'assign Microsoft 365 E5 to group "Sales Department" because the team grows',
        'assign Power BI Pro to users where department eq "Finance" and not has Power BI Pro',
        'assign from this file because they start Monday',
      ],
    },
    parse: parseAssign,
  },
  {
    verbs: ['remove', 'unassign', 'revoke'],
    help: {
      usage: 'remove <SKU|all> from <user>[, <user>…]',
      description: 'Take a license (or every license assigned directly) away from users.',
      examples: [
        removeExample,
        'remove all from patti@contoso.com',
        'remove EXCHANGESTANDARD from group "Contractors"',
      ],
    },
    parse: parseRemove,
  },
  {
    verbs: ['transfer', 'swap', 'move', 'switch'],
    help: {
      usage: 'transfer <user>[, <user>…] from <SKU> to <SKU>',
      description: 'Swap one license for another in one step, so nobody is left without one.',
      examples: [
        transferExample,
        'transfer lynne@contoso.com from E3 to E5',
        'transfer users where department eq "Sales" and has E3 from E3 to E5',
      ],
    },
    parse: parseTransfer,
  },
  {
    verbs: ['enable', 'disable'],
    help: {
      usage: 'enable|disable <plan>[, <plan>…] [in <SKU>] for <user>[, <user>…]',
      description: 'Turn service plans of a license a user already has on or off.',
      examples: [modifyExample, 'enable Exchange for isaiah@contoso.com'],
    },
    parse: (rest, verb) => parseModify(verb === 'enable' ? 'enable' : 'disable', rest),
  },
  {
    verbs: ['request'],
    help: {
      usage: 'request',
      description: 'Open the request form: users, license or template, plans, justification.',
      examples: ['request'],
    },
    parse: () => ({ ok: true, value: { kind: 'request' } }),
  },
];

// Teams allows about 28 KB per message; a longer text is not a command someone typed.
const commandText = z.string().max(20_000);

/** The longest reason a command may give, as on the request form. */
export const MAX_REASON_LENGTH = 1_000;

// "… because <reason>" ends any change; the first whole word "because" starts the reason. A
// two-letter "location" after it is the command's: fix cards add the location picked at the end.
const reasonPattern = /\sbecause(?:\s+(.*?))?(\s+location\s+[a-z]{2})?$/i;

// "pilot 50" (or "with a pilot of 50 users") anywhere before the reason, outside quotes.
const pilotPattern = /\s(?:with\s+(?:a\s+)?)?pilot(?:\s+of)?\s+(\d{1,7})(?:\s+users?)?(?=\s|$)/i;

/** The command without its pilot option, and the pilot's size when it has one. */
function splitPilot(command: string): { command: string; size?: number } {
  const match = pilotPattern.exec(maskQuoted(command));
  if (match === null) {
    return { command };
  }
  return {
    command: `${command.slice(0, match.index)}${command.slice(match.index + match[0].length)}`,
    size: Number(match[1]),
  };
}

// A fix card's "location XX" follows the reason, so it can follow a schedule phrase too.
const locationTail = /\s+location\s+[a-z]{2}$/i;

/**
 * The command without the schedule phrase it ends with (a "location XX" a fix card added stays),
 * and that phrase read; a phrase that starts like a schedule but does not read is refused.
 */
function splitWhen(command: string): ReturnType<typeof splitSchedule> {
  const location = locationTail.exec(command)?.[0] ?? '';
  const split = splitSchedule(command.slice(0, command.length - location.length));
  return 'failure' in split ? split : { ...split, command: `${split.command}${location}` };
}

/** The command without its reason, and the reason ('' after a bare "because"). */
function splitReason(plain: string): { command: string; reason?: string } {
  const match = reasonPattern.exec(plain);
  return match
    ? {
        command: `${plain.slice(0, match.index)}${match[2] ?? ''}`,
        reason: (match[1] ?? '').trim(),
      }
    : { command: plain };
}

/**
 * Reads a license command from chat text already made plain (`plainCommandText`, once, where the
 * message came in), forgiving about case, quotes and "and" in lists. A failure says what was wrong and gives the right form; text
 * that is not a license command at all is `NOT_A_LICENSE_COMMAND`, with the closest verb when
 * the first word looks like a typo of one.
 */
export function parseLicenseCommand(text: string): CommandResult {
  if (!commandText.safeParse(text).success) {
    return commandFailure('TOO_LONG', 'That message is too long to be a command.', assignExample);
  }
  const plain = tidyPlainText(text);
  if (plain === '') {
    return commandFailure('EMPTY', 'Type a command.', assignExample);
  }
  const [first = '', ...others] = plain.split(' ');
  const verb = first.toLowerCase();
  const rest = others.join(' ');
  const entry = licenseCommandGrammar.find((candidate) => candidate.verbs.includes(verb));
  if (entry === undefined) {
    const verbs = licenseCommandGrammar.flatMap((candidate) => candidate.verbs);
    const suggestion = closestMatch(verb, verbs);
    const failure = {
      code: 'NOT_A_LICENSE_COMMAND' as const,
      message: suggestion
        ? `I don't know "${first}". Did you mean "${suggestion}"?`
        : `I don't know "${first}".`,
      example: assignExample,
    };
    return { ok: false, failure: suggestion ? { ...failure, suggestion } : failure };
  }
  const { command, reason } = splitReason(rest === '' ? '' : ` ${rest}`);
  if (reason === '') {
    return commandFailure(
      'MISSING_REASON',
      'Say why after "because", or leave "because" out.',
      'assign Power BI Pro to lynne@contoso.com because she reports on sales',
    );
  }
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    return commandFailure(
      'TOO_LONG',
      `Keep the reason under ${MAX_REASON_LENGTH} characters.`,
      'assign Power BI Pro to lynne@contoso.com because she reports on sales',
    );
  }
  const pilot = splitPilot(command);
  if (pilot.size !== undefined && pilot.size < 1) {
    return commandFailure(
      'INVALID_PILOT',
      'A pilot runs at least 1 user first: say how many, e.g. "pilot 50".',
      'assign Microsoft 365 E5 to group "Sales" pilot 50 because the team grows',
    );
  }
  // The pilot comes off first, so it may stand before or after the schedule phrase.
  const schedule = splitWhen(pilot.command);
  if ('failure' in schedule) {
    return commandFailure('INVALID_SCHEDULE', schedule.failure.message, schedule.failure.example);
  }
  const parsed = entry.parse(schedule.command.trim(), verb);
  if (!parsed.ok || parsed.value.kind === 'request') {
    return parsed;
  }
  const options = {
    ...(pilot.size === undefined ? {} : { pilot: pilot.size }),
    ...(schedule.when === undefined ? {} : { when: schedule.when }),
    ...(reason === undefined ? {} : { justification: reason }),
  };
  return { ok: true, value: { ...parsed.value, ...options } };
}

/**
 * Parses the words after a verb the bot's route table already matched ("assign" + "E3 to adele"),
 * for routers that split the verb off themselves. An unknown verb is `NOT_A_LICENSE_COMMAND`.
 */
export function parseLicenseCommandArguments(verb: string, argument: string): CommandResult {
  return parseLicenseCommand(`${verb} ${argument}`);
}
