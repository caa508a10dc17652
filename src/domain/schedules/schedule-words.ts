import { closestMatch } from '../text/closest.ts';

/** A piece of a schedule phrase read, or why it could not be, with a correct phrase to copy. */
export type Reading<T> = { ok: true; value: T } | { ok: false; message: string; example: string };

/** A refusal of a schedule phrase. */
export function refuse(
  message: string,
  example: string,
): { ok: false; message: string; example: string } {
  return { ok: false, message, example };
}

const clock = /^(\d{1,2}):(\d{2})$/;

/** An "HH:MM" on a 24-hour clock as hour and minute; "7pm" and "25:00" are refused. */
export function readTime(text: string): Reading<{ hour: number; minute: number }> {
  const match = clock.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (match === null || hour > 23 || minute > 59) {
    return refuse(
      `"${text}" is not a time: write times as HH:MM on a 24-hour clock, e.g. 19:00.`,
      'every evening at 19:00',
    );
  }
  return { ok: true, value: { hour, minute } };
}

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** A "YYYY-MM-DD" that is a real date, as "YYYY-MM-DD" with two-digit month and day. */
export function readDate(text: string): Reading<string> {
  const match = isoDate.exec(text);
  if (match === null) {
    return refuse(`"${text}" is not a date: write dates as YYYY-MM-DD.`, 'at 2027-01-15 22:00');
  }
  const [, year = '', month = '', day = ''] = match;
  // Day 0 of the next month is the last day of this one; a pure calendar sum, no clock.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth) {
    return refuse(`${text} is not a date in the calendar.`, 'at 2027-01-15 22:00');
  }
  return { ok: true, value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const shortDays: Record<string, number> = { tues: 2, thur: 4, thurs: 4 };

/** One day name (Monday, Mondays, Mon) as its cron number, Sunday = 0. */
function readDay(word: string): number | undefined {
  const single = word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
  const index = weekdays.findIndex((day) => day === single || day.slice(0, 3) === single);
  return index >= 0 ? index : shortDays[single];
}

/**
 * Days named in a list ("Monday and Thursday", "Mon, Wed") as a cron day-of-week field. A word
 * close to a day gets a suggestion; one close to none is not a list of days at all (undefined).
 */
export function readDays(text: string): Reading<string> | undefined {
  const numbers = new Set<number>();
  for (const word of text.split(/\s*,\s*(?:and\s+)?|\s+and\s+/)) {
    const day = readDay(word);
    if (day === undefined) {
      const suggestion = closestMatch(word, weekdays);
      return suggestion === undefined
        ? undefined
        : refuse(
            `I don't know the day "${word}". Did you mean ${capitalise(suggestion)}?`,
            `every ${capitalise(suggestion)} at 06:00`,
          );
    }
    numbers.add(day);
  }
  return { ok: true, value: [...numbers].sort((a, b) => a - b).join(',') };
}

function capitalise(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

/** "1st", "15th" or "last day" as a cron day-of-month field; days past 28 are not in every month. */
export function readMonthDay(text: string): Reading<string> {
  if (text === 'last day' || text === 'last') {
    return { ok: true, value: 'L' };
  }
  const match = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(text);
  const day = Number(match?.[1]);
  if (match === null || day < 1 || day > 31) {
    return refuse(`"${text}" is not a day of the month.`, 'on the 1st of every month at 08:00');
  }
  if (day > 28) {
    return refuse(
      `The ${text} is not in every month: say "on the last day of every month".`,
      'on the last day of every month at 22:00',
    );
  }
  return { ok: true, value: String(day) };
}
