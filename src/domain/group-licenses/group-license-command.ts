import { cleanName, splitAtFirst, splitAtLast, splitList } from '../commands/command-text.ts';
import { splitSchedule, type ScheduleWhen } from '../schedules/schedule-phrase.ts';

/**
 * `license group <group> with <SKU or template> [without <plan>, …]`: the group hands out a
 * license, or the plans of one it already hands out change.
 */
export interface LicenseGroupCommand {
  kind: 'license';
  group: string;
  license: string;
  withoutPlans: string[];
  justification?: string;
  /** `at 2027-01-15 22:00`, `in 7 days`: once, then (a group license needs no recurring rule). */
  when?: ScheduleWhen;
}

/** `unlicense group <group> from <SKU>`: the group stops handing out a license. */
export interface UnlicenseGroupCommand {
  kind: 'unlicense';
  group: string;
  sku: string;
  justification?: string;
  when?: ScheduleWhen;
}

export type GroupLicenseCommand = LicenseGroupCommand | UnlicenseGroupCommand;

export const licenseGroupExample =
  'license group "Sales EMEA" with Microsoft 365 E5 without Yammer because the team moves to E5';
export const unlicenseGroupExample =
  'unlicense group Contractors from EXCHANGESTANDARD because contractors use their own mail';

export type ParsedGroupCommand =
  { ok: true; value: GroupLicenseCommand } | { ok: false; message: string; example: string };

const refuse = (message: string, example: string): ParsedGroupCommand => ({
  ok: false,
  message,
  example,
});

/** The text and its reason after the last whole word "because" ('' after a bare one). */
function splitReason(text: string): { text: string; reason?: string } {
  // A bare "because" at the end is found too, with '' after it.
  const parts = splitAtLast(text, 'because');
  return parts ? { text: parts[0], reason: parts[1] } : { text };
}

/**
 * The group's name and what follows `keyword`: a quoted name may hold any word, an unquoted one
 * ends at the first `keyword` (a group named "… with …" must be quoted).
 */
function splitGroup(text: string, keyword: string): [string, string] | undefined {
  const quoted = /^(["“”'])(.+?)["“”']\s+(.*)$/s.exec(text);
  if (quoted) {
    const after = splitAtFirst(` ${quoted[3]!}`, keyword);
    return after && after[0] === '' ? [quoted[2]!.trim(), after[1]] : undefined;
  }
  const parts = splitAtFirst(text, keyword);
  return parts ? [cleanName(parts[0]), parts[1]] : undefined;
}

/**
 * Reads `license group …` or `unlicense group …` from what follows the verb. The word "group"
 * is optional; the reason comes last after "because".
 */
export function parseGroupLicenseCommand(
  verb: 'license' | 'unlicense',
  rest: string,
): ParsedGroupCommand {
  const example = verb === 'license' ? licenseGroupExample : unlicenseGroupExample;
  const { text: withTime, reason } = splitReason(rest.trim().replace(/\s+/g, ' '));
  if (reason === '') {
    return refuse('Say why after "because", or leave "because" out.', example);
  }
  const timed = splitSchedule(withTime);
  if ('failure' in timed) {
    return refuse(timed.failure.message, timed.failure.example);
  }
  if (timed.when?.kind === 'recurring') {
    return refuse(
      'A group license already reaches members as they come and go: schedule the change once ("at 2027-01-15 22:00", "in 7 days"), not on a rule.',
      `${example.replace(/ because .*$/, '')} at 2027-01-15 22:00`,
    );
  }
  const when = timed.when ? { when: timed.when } : {};
  const text = timed.command;
  const target = text.replace(/^group\s+/i, '');
  const keyword = verb === 'license' ? 'with' : 'from';
  const parts = splitGroup(target, keyword);
  if (parts === undefined || parts[0] === '') {
    return refuse(
      verb === 'license'
        ? 'Say which group and which license: the group\'s name, then "with" and the license.'
        : 'Say which group and which license to take from it: the group\'s name, then "from" and the license.',
      example,
    );
  }
  const [group, what] = parts;
  const justification = reason === undefined ? {} : { justification: reason };
  if (verb === 'unlicense') {
    const sku = cleanName(what);
    return sku === ''
      ? refuse('Say which license the group should stop handing out, after "from".', example)
      : { ok: true, value: { kind: 'unlicense', group, sku, ...justification, ...when } };
  }
  const withoutParts = splitAtLast(what, 'without');
  const license = cleanName(withoutParts?.[0] ?? what);
  const withoutPlans = withoutParts ? splitList(withoutParts[1]) : [];
  if (license === '') {
    return refuse('Say which license the group should hand out, after "with".', example);
  }
  if (withoutParts && withoutPlans.length === 0) {
    return refuse('Say which plans to leave off after "without", or leave "without" out.', example);
  }
  return {
    ok: true,
    value: { kind: 'license', group, license, withoutPlans, ...justification, ...when },
  };
}
