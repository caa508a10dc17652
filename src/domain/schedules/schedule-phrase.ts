import { maskQuoted } from '../commands/read-who.ts';
import { readCron } from './schedule-cron.ts';
import {
  refuse,
  readDate,
  readDays,
  readMonthDay,
  readTime,
  type Reading,
} from './schedule-words.ts';
import { splitZone } from './schedule-zone.ts';

/** A time as typed, before its zone is known: the requester's Teams zone fills a missing one. */
export type ScheduleWhen =
  | { kind: 'once'; phrase: string; local: string /* YYYY-MM-DDTHH:mm */; timeZone?: string }
  /** `in 7 days`, `with a grace period of 30 days`: once, that long after it is asked. */
  | { kind: 'later'; phrase: string; days: number; timeZone?: string }
  | { kind: 'recurring'; phrase: string; cron: string; timeZone?: string };

type Body = Reading<
  | { kind: 'once'; local: string }
  | { kind: 'later'; days: number }
  | { kind: 'recurring'; cron: string }
>;

/** The longest grace period or delay: a year. */
export const MAX_DAYS_LATER = 365;

const later = /^(?:in|after|with a grace period of|grace period of|grace period) (\d+) days?$/;

const daily = /^(?:every (?:night|day|morning|evening)|daily|nightly)(?: at (.+))?$/;
const weekly = /^(?:every|weekly on) (.+?)(?: at (.+))?$/;
const monthly = /^(?:on the (.+?) of (?:every|each) month|monthly on the (.+?))(?: at (.+))?$/;
const oneTime = /^(?:at|on) (\d\S*?)(?:t(\d\S*)|\s+(?:at\s+)?(.+))?$/;

/** A cron run at a time of day on the given days, or the refusal of the time. */
function atTime(time: string | undefined, days: string, monthDay = '*'): Body {
  if (time === undefined) {
    return refuse('Say at what time, e.g. "every night at 02:00".', 'every night at 02:00');
  }
  const read = readTime(time);
  return read.ok
    ? {
        ok: true,
        value: {
          kind: 'recurring',
          cron: `${read.value.minute} ${read.value.hour} ${monthDay} * ${days}`,
        },
      }
    : read;
}

function readOnce(dateText: string, timeText: string | undefined): Body {
  if (timeText === undefined) {
    return /^\d{1,2}:\d{2}$/.test(dateText)
      ? refuse('Say the date too: write "at YYYY-MM-DD HH:MM".', 'at 2027-01-15 22:00')
      : refuse('Say at what time too, e.g. "on 2027-01-15 at 22:00".', 'on 2027-01-15 at 22:00');
  }
  const date = readDate(dateText);
  const time = readTime(timeText);
  if (!date.ok) {
    return date;
  }
  if (!time.ok) {
    return time;
  }
  const { hour, minute } = time.value;
  const local = `${date.value}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return { ok: true, value: { kind: 'once', local } };
}

/** The phrase without its zone, lower case, read as one time or a rule. */
function readBody(body: string): Body | undefined {
  if (body === 'every hour' || body === 'hourly') {
    return { ok: true, value: { kind: 'recurring', cron: '0 * * * *' } };
  }
  const delay = later.exec(body);
  if (delay !== null) {
    const days = Number(delay[1]);
    return days >= 1 && days <= MAX_DAYS_LATER
      ? { ok: true, value: { kind: 'later', days } }
      : refuse(`Give from 1 to ${MAX_DAYS_LATER} days, e.g. "in 7 days".`, 'in 7 days');
  }
  if (body.startsWith('cron ')) {
    const cron = readCron(body.slice(5));
    return cron.ok ? { ok: true, value: { kind: 'recurring', cron: cron.value } } : cron;
  }
  const once = oneTime.exec(body);
  if (once !== null) {
    return readOnce(String(once[1]), once[2] ?? once[3]);
  }
  const day = daily.exec(body);
  if (day !== null) {
    return atTime(day[1], '*');
  }
  if (/^every weekdays?(?: at |$)/.test(body)) {
    return atTime(/ at (.+)$/.exec(body)?.[1], '1-5');
  }
  const month = monthly.exec(body);
  if (month !== null) {
    const monthDay = readMonthDay(month[1] ?? String(month[2]));
    return monthDay.ok ? atTime(month[3] ?? '00:00', '*', monthDay.value) : monthDay;
  }
  const week = weekly.exec(body);
  if (week === null) {
    return undefined;
  }
  const days = readDays(String(week[1]));
  return days?.ok === true ? atTime(week[2], days.value) : days;
}

/**
 * Reads a schedule phrase: one time ("at 2027-01-15 22:00"), a rule ("every Monday at 06:00",
 * "on the 1st of every month") or a cron expression, each optionally ending with an IANA zone.
 * A failure says what was wrong and gives a phrase that works.
 */
export function parseSchedulePhrase(text: string): Reading<ScheduleWhen> {
  const phrase = text.trim();
  const zone = splitZone(phrase.replace(/\s+/g, ' '));
  if (!zone.ok) {
    return zone;
  }
  const { rest, timeZone } = zone.value;
  const body =
    readBody(rest.toLowerCase()) ??
    refuse(
      `I can't read "${phrase}" as a time: write e.g. "at 2027-01-15 22:00", "every night at 02:00", "every Monday at 06:00" or "on the 1st of every month".`,
      'every night at 02:00',
    );
  if (!body.ok) {
    return body;
  }
  const when: ScheduleWhen = { ...body.value, phrase };
  return { ok: true, value: timeZone === undefined ? when : { ...when, timeZone } };
}

// Where a schedule phrase may start. All but a bare "on the" (group 1: "on the third floor")
// surely start one, so their failure stands; "every" after "of" is inside a monthly phrase.
const candidateStart =
  /(?<=^|\s)(?:(on\s+the\s)(?!\S+(?:\s+day)?\s+of\s+(?:every|each)\s+month)|(?:in|after)\s+\d|(?:with\s+a\s+)?grace\s+period\s|(?:at|on)\s+\d|on\s+the\s|(?<!\bof\s)(?:every|daily|nightly|weekly|monthly|cron)\s|hourly$)/gi;

/**
 * Splits a schedule phrase off the end of a command ("… every night at 02:00"). The earliest
 * start whose remainder reads as a whole phrase wins; when none reads but one surely starts a
 * phrase, its failure is returned, so a mistyped time is reported rather than read as a user.
 */
export function splitSchedule(
  command: string,
): { command: string; when?: ScheduleWhen } | { failure: { message: string; example: string } } {
  let failure: { message: string; example: string } | undefined;
  for (const match of maskQuoted(command).matchAll(candidateStart)) {
    const parsed = parseSchedulePhrase(command.slice(match.index));
    if (parsed.ok) {
      return { command: command.slice(0, match.index).trim(), when: parsed.value };
    }
    if (failure === undefined && match[1] === undefined) {
      failure = { message: parsed.message, example: parsed.example };
    }
  }
  return failure === undefined ? { command } : { failure };
}
