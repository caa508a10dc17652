import { describe, expect, it } from 'vitest';
import {
  afterTick,
  checkTiming,
  describeTiming,
  formatDue,
  isLate,
  nextDueAfter,
  timingOf,
} from '../../../src/app/schedules/due-times.ts';
import type { ScheduleTiming } from '../../../src/domain/schedules/schedule.ts';

const at = (iso: string) => new Date(iso);

function nightly(timeZone: string, cron = '0 2 * * *'): ScheduleTiming {
  return { kind: 'recurring', phrase: 'every night at 02:00', cron, timeZone };
}

function once(local: string, timeZone = 'Europe/Berlin'): ScheduleTiming {
  return { kind: 'once', phrase: `at ${local}`, local, timeZone };
}

/** Every due time from `from` up to `to`, as UTC ISO strings. */
function walk(timing: ScheduleTiming, from: string, to: string): string[] {
  const due: string[] = [];
  for (let next = nextDueAfter(timing, at(from)); next && next < at(to);) {
    due.push(next.toISOString());
    next = nextDueAfter(timing, next);
  }
  return due;
}

describe('nextDueAfter across daylight-saving changes', () => {
  it('runs 02:00 Berlin once the night clocks go forward, at 03:00 local', () => {
    expect(walk(nightly('Europe/Berlin'), '2027-03-25T23:00Z', '2027-03-30T12:00Z')).toEqual([
      '2027-03-26T01:00:00.000Z',
      '2027-03-27T01:00:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-03-29T00:00:00.000Z',
      '2027-03-30T00:00:00.000Z',
    ]);
  });

  it('runs 02:00 Berlin once the night clocks go back, at the first 02:00', () => {
    expect(walk(nightly('Europe/Berlin'), '2027-10-28T22:00Z', '2027-11-02T12:00Z')).toEqual([
      '2027-10-29T00:00:00.000Z',
      '2027-10-30T00:00:00.000Z',
      '2027-10-31T00:00:00.000Z',
      '2027-11-01T01:00:00.000Z',
      '2027-11-02T01:00:00.000Z',
    ]);
  });

  it('keeps 02:00 New York across the spring change', () => {
    expect(walk(nightly('America/New_York'), '2027-03-13T00:00Z', '2027-03-16T00:00Z')).toEqual([
      '2027-03-13T07:00:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-15T06:00:00.000Z',
    ]);
  });

  it('has no next due time for a one-time schedule', () => {
    expect(nextDueAfter(once('2027-01-15T22:00'), at('2027-01-01T00:00Z'))).toBeUndefined();
  });

  it('has none for a cron that never runs again', () => {
    expect(nextDueAfter(nightly('UTC', '0 2 30 2 *'), at('2027-01-01T00:00Z'))).toBeUndefined();
  });

  it('has none for a cron croner refuses', () => {
    expect(nextDueAfter(nightly('UTC', '61 2 * * *'), at('2027-01-01T00:00Z'))).toBeUndefined();
  });
});

describe('afterTick', () => {
  it('collapses due times missed while nothing ran into one run', () => {
    const timing = nightly('UTC');
    expect(afterTick(timing, at('2027-01-10T02:00Z'), at('2027-01-13T09:00Z'))).toEqual(
      at('2027-01-14T02:00Z'),
    );
  });

  it('gives the next due time for a tick on time', () => {
    const timing = nightly('Europe/Berlin');
    expect(afterTick(timing, at('2027-01-10T01:00Z'), at('2027-01-10T01:00:02Z'))).toEqual(
      at('2027-01-11T01:00Z'),
    );
  });

  it('gives nothing after a one-time schedule ran', () => {
    const timing = once('2027-01-15T22:00');
    expect(afterTick(timing, at('2027-01-15T21:00Z'), at('2027-01-15T21:00Z'))).toBeUndefined();
  });
});

describe('isLate', () => {
  it.each([
    ['2027-01-10T02:04:59Z', false],
    ['2027-01-10T02:05:00Z', false],
    ['2027-01-10T02:05:01Z', true],
  ])('a tick at %s is late: %s', (now, late) => {
    expect(isLate(at('2027-01-10T02:00Z'), at(now))).toBe(late);
  });

  it('takes another grace', () => {
    expect(isLate(at('2027-01-10T02:00Z'), at('2027-01-10T02:01Z'), 30_000)).toBe(true);
  });
});

describe('timingOf', () => {
  it('makes a delay one time that many days ahead, at the next whole minute, in the zone', () => {
    const now = new Date('2027-01-10T09:30:20.000Z');
    expect(timingOf({ kind: 'later', phrase: 'in 7 days', days: 7 }, 'Europe/Berlin', now)).toEqual(
      { kind: 'once', phrase: 'in 7 days', local: '2027-01-17T10:31', timeZone: 'Europe/Berlin' },
    );
  });

  it('keeps the zone typed', () => {
    const when = { kind: 'once', phrase: 'x', local: '2027-01-15T22:00', timeZone: 'UTC' } as const;
    expect(timingOf(when, 'Europe/Berlin')).toEqual({ ...when, timeZone: 'UTC' });
  });

  it("takes the requester's Teams zone when none was typed", () => {
    const when = { kind: 'recurring', phrase: 'every night at 02:00', cron: '0 2 * * *' } as const;
    expect(timingOf(when, 'America/New_York')).toEqual({ ...when, timeZone: 'America/New_York' });
  });

  it.each([undefined, 'Mars/Olympus_Mons', ''])('falls back to UTC for a Teams zone %j', (zone) => {
    const when = { kind: 'once', phrase: 'x', local: '2027-01-15T22:00' } as const;
    expect(timingOf(when, zone)).toMatchObject({ timeZone: 'UTC' });
  });
});

describe('checkTiming', () => {
  const now = at('2026-12-06T11:10Z');

  it.each([
    ['2027-01-15T22:00', 'Europe/Berlin', '2027-01-15T21:00:00.000Z'],
    ['2027-07-15T22:00', 'Europe/Berlin', '2027-07-15T20:00:00.000Z'],
    ['2027-10-31T02:30', 'Europe/Berlin', '2027-10-31T00:30:00.000Z'],
    ['2027-11-07T01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
    ['2027-01-15T22:00', 'UTC', '2027-01-15T22:00:00.000Z'],
  ])('runs %s %s once at %s', (local, zone, due) => {
    expect(checkTiming(once(local, zone), now)).toEqual({ ok: true, firstDue: at(due) });
  });

  it.each([
    [
      once('2026-01-01T22:00'),
      '2026-01-01 22:00 Europe/Berlin has passed: pick a time after 2026-12-06 12:10 Europe/Berlin',
    ],
    [
      once('2026-12-06T12:10'),
      '2026-12-06 12:10 Europe/Berlin has passed: pick a time after 2026-12-06 12:10 Europe/Berlin',
    ],
    [
      once('2027-03-28T02:30'),
      '2027-03-28 02:30 does not exist in Europe/Berlin: clocks go forward that night; pick another time',
    ],
    [
      once('2027-03-14T02:00', 'America/New_York'),
      '2027-03-14 02:00 does not exist in America/New_York: clocks go forward that night; pick another time',
    ],
    [
      once('2027-02-30T22:00'),
      '"2027-02-30 22:00" is not a date and time: write YYYY-MM-DD HH:MM.',
    ],
    [once('tomorrow'), '"tomorrow" is not a date and time: write YYYY-MM-DD HH:MM.'],
    [once('2027-01-15T22:00', 'Europe/Berln'), 'I don\'t know the time zone "Europe/Berln".'],
    [
      nightly('UTC', '61 2 * * *'),
      'The cron "61 2 * * *" does not work (Invalid value for minute: 61): write 5 fields, minute hour day-of-month month day-of-week, e.g. "0 2 * * 1-5".',
    ],
    [
      nightly('UTC', '0 2 * *'),
      'The cron "0 2 * *" does not work (invalid configuration format (\'0 2 * *\'), exactly five, six, or seven space separated parts are required.): write 5 fields, minute hour day-of-month month day-of-week, e.g. "0 2 * * 1-5".',
    ],
    [
      nightly('UTC', '0 2 30 2 *'),
      'The cron "0 2 30 2 *" never runs: pick days that exist, e.g. "0 2 * * *".',
    ],
  ])('refuses %j', (timing, message) => {
    expect(checkTiming(timing, now)).toEqual({ ok: false, message });
  });

  it('gives a rule its first run after now, in its zone', () => {
    expect(checkTiming(nightly('Europe/Berlin'), now)).toEqual({
      ok: true,
      firstDue: at('2026-12-07T01:00Z'),
    });
  });

  it('reads the last day of the month', () => {
    const timing = nightly('UTC', '0 22 L * *');
    expect(walk(timing, '2027-01-01T00:00Z', '2027-04-01T00:00Z')).toEqual([
      '2027-01-31T22:00:00.000Z',
      '2027-02-28T22:00:00.000Z',
      '2027-03-31T22:00:00.000Z',
    ]);
  });
});

describe('describeTiming and formatDue', () => {
  it.each([
    [nightly('Europe/Berlin'), 'every night at 02:00 (Europe/Berlin)'],
    [
      { ...nightly('Europe/Berlin'), phrase: 'every night at 02:00 europe/berlin' },
      'every night at 02:00 (Europe/Berlin)',
    ],
    [once('2027-01-15T22:00'), 'once at 2027-01-15 22:00 (Europe/Berlin)'],
    [{ ...nightly('UTC', '0 2 * * 1-5'), phrase: 'cron "0 2 * * 1-5"' }, 'cron 0 2 * * 1-5 (UTC)'],
  ])('describes %j', (timing, text) => {
    expect(describeTiming(timing)).toBe(text);
  });

  it.each([
    ['2027-01-15T21:00Z', 'Europe/Berlin', 'Fri 2027-01-15 22:00 Europe/Berlin'],
    ['2027-01-15T21:00Z', 'America/New_York', 'Fri 2027-01-15 16:00 America/New_York'],
    ['2027-01-15T00:30Z', 'UTC', 'Fri 2027-01-15 00:30 UTC'],
    ['2027-01-15T21:00Z', 'Mars/Olympus_Mons', 'Fri 2027-01-15 21:00 UTC'],
  ])('shows %s in %s as %s', (instant, zone, text) => {
    expect(formatDue(at(instant), zone)).toBe(text);
  });
});
