import { Cron } from 'croner';
import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import type { ScheduleTiming } from '../../domain/schedules/schedule.ts';

const minute = 60_000;
const day = 24 * 60 * minute;

/** The canonical name of an IANA zone Intl knows, or undefined for a missing or unknown one. */
function knownZone(timeZone: string | undefined): string | undefined {
  try {
    return timeZone === undefined
      ? undefined
      : new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The wall clock in a zone at an instant: "YYYY-MM-DDTHH:mm" and the short weekday. */
function wallClock(at: Date, timeZone: string): { local: string; weekday: string } {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    local: `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`,
    weekday: String(part.weekday),
  };
}

/**
 * The instant a wall-clock time happens in a zone: the earlier of two when clocks go back, and
 * undefined when clocks go forward over it. Offsets a day either side cover any change that night.
 */
function instantOf(local: string, timeZone: string): Date | undefined {
  const asUtc = Date.parse(`${local}:00Z`);
  const offsetAt = (at: number) =>
    Date.parse(`${wallClock(new Date(at), timeZone).local}:00Z`) - Math.floor(at / minute) * minute;
  const offsets = new Set([offsetAt(asUtc - day), offsetAt(asUtc), offsetAt(asUtc + day)]);
  const matching = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((at) => wallClock(new Date(at), timeZone).local === local)
    .sort((a, b) => a - b);
  return matching.length === 0 ? undefined : new Date(matching[0] as number);
}

/** A croner job used for computing only: without a callback it starts no timer. */
function cronOf(timing: ScheduleTiming & { kind: 'recurring' }): Cron | string {
  try {
    return new Cron(timing.cron, { timezone: timing.timeZone, mode: '5-part' });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^\w+: /, '');
    return `The cron "${timing.cron}" does not work (${reason}): write 5 fields, minute hour day-of-month month day-of-week, e.g. "0 2 * * 1-5".`;
  }
}

/**
 * A typed schedule with its zone settled: the zone typed, else the requester's Teams zone when
 * Intl knows it, else UTC.
 */
export function timingOf(
  when: ScheduleWhen,
  defaultZone: string | undefined,
  now: Date = new Date(),
): ScheduleTiming {
  const timeZone = when.timeZone ?? knownZone(defaultZone) ?? 'UTC';
  switch (when.kind) {
    case 'once':
      return { kind: 'once', phrase: when.phrase, local: when.local, timeZone };
    case 'later': {
      // That many days from now, at the next whole minute: a one-time time like any typed one.
      const at = Math.ceil((now.getTime() + when.days * day + 1) / minute) * minute;
      return {
        kind: 'once',
        phrase: when.phrase,
        local: wallClock(new Date(at), timeZone).local,
        timeZone,
      };
    }
    case 'recurring':
      return { kind: 'recurring', phrase: when.phrase, cron: when.cron, timeZone };
  }
}

/**
 * Whether a schedule can run, and its first due time after `now`. A one-time time must be in the
 * future and exist on the zone's clock; a cron must be valid and run at least once more.
 */
export function checkTiming(
  timing: ScheduleTiming,
  now: Date,
): { ok: true; firstDue: Date } | { ok: false; message: string } {
  const zone = knownZone(timing.timeZone);
  if (zone === undefined) {
    return { ok: false, message: `I don't know the time zone "${timing.timeZone}".` };
  }
  if (timing.kind === 'recurring') {
    const cron = cronOf(timing);
    const firstDue = typeof cron === 'string' ? undefined : cron.nextRun(now);
    if (typeof cron === 'string' || !firstDue) {
      const never = `The cron "${timing.cron}" never runs: pick days that exist, e.g. "0 2 * * *".`;
      return { ok: false, message: typeof cron === 'string' ? cron : never };
    }
    return { ok: true, firstDue };
  }
  const shown = timing.local.replace('T', ' ');
  // Date.parse forgives "2027-02-30" (as 2 March), so the date must read back as typed.
  const asUtc = new Date(Date.parse(`${timing.local}:00Z`));
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, 16) !== timing.local) {
    return { ok: false, message: `"${shown}" is not a date and time: write YYYY-MM-DD HH:MM.` };
  }
  const firstDue = instantOf(timing.local, zone);
  if (firstDue === undefined) {
    return {
      ok: false,
      message: `${shown} does not exist in ${zone}: clocks go forward that night; pick another time`,
    };
  }
  if (firstDue.getTime() <= now.getTime()) {
    const after = wallClock(now, zone).local.replace('T', ' ');
    return {
      ok: false,
      message: `${shown} ${zone} has passed: pick a time after ${after} ${zone}`,
    };
  }
  return { ok: true, firstDue };
}

/**
 * The next due time strictly after `after`, read in the schedule's zone; a one-time schedule has
 * only its first, so nothing follows it.
 */
export function nextDueAfter(timing: ScheduleTiming, after: Date): Date | undefined {
  if (timing.kind === 'once') {
    return undefined;
  }
  const cron = cronOf(timing);
  return typeof cron === 'string' ? undefined : (cron.nextRun(after) ?? undefined);
}

/**
 * The due time after a tick taken at `now` for `dueAt`. Due times missed while nothing ran
 * collapse into the one run just taken, so the next is the first after both.
 */
export function afterTick(timing: ScheduleTiming, dueAt: Date, now: Date): Date | undefined {
  return nextDueAfter(timing, new Date(Math.max(dueAt.getTime(), now.getTime())));
}

/** Whether a due time is taken later than the grace allows (nothing was running then). */
export function isLate(dueAt: Date, now: Date, graceMs = 5 * minute): boolean {
  return now.getTime() - dueAt.getTime() > graceMs;
}

/** A schedule in one line for cards: "every night at 02:00 (Europe/Berlin)". */
export function describeTiming(timing: ScheduleTiming): string {
  if (timing.kind === 'once') {
    return `once at ${timing.local.replace('T', ' ')} (${timing.timeZone})`;
  }
  if (/^cron\b/i.test(timing.phrase)) {
    return `cron ${timing.cron} (${timing.timeZone})`;
  }
  // The zone shows in brackets, so a zone typed at the end of the phrase is not said twice.
  const words = timing.phrase.split(/\s+/);
  const typedZone = words.at(-1)?.toLowerCase() === timing.timeZone.toLowerCase();
  return `${(typedZone ? words.slice(0, -1) : words).join(' ')} (${timing.timeZone})`;
}

/** A due time as admins read it in a zone: "Fri 2027-01-15 22:00 Europe/Berlin". */
export function formatDue(at: Date, timeZone: string): string {
  const zone = knownZone(timeZone) ?? 'UTC';
  const { local, weekday } = wallClock(at, zone);
  return `${weekday} ${local.replace('T', ' ')} ${zone}`;
}
