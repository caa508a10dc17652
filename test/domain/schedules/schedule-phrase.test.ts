import { describe, expect, it } from 'vitest';
import {
  parseSchedulePhrase,
  splitSchedule,
} from '../../../src/domain/schedules/schedule-phrase.ts';

describe('parseSchedulePhrase', () => {
  it.each([
    ['at 2027-01-15 22:00', '2027-01-15T22:00', undefined],
    ['at 2027-01-15T22:00', '2027-01-15T22:00', undefined],
    ['on 2027-01-15 at 22:00', '2027-01-15T22:00', undefined],
    ['At  2027-1-5   7:05', '2027-01-05T07:05', undefined],
    ['at 2027-01-15 22:00 Europe/Berlin', '2027-01-15T22:00', 'Europe/Berlin'],
    ['at 2027-01-15 22:00 america/new_york', '2027-01-15T22:00', 'America/New_York'],
    ['at 2027-01-15 22:00 utc', '2027-01-15T22:00', 'UTC'],
    ['at 2028-02-29 00:00', '2028-02-29T00:00', undefined],
  ])('reads "%s" as one time', (text, local, timeZone) => {
    const expected = { kind: 'once', phrase: text.trim(), local };
    expect(parseSchedulePhrase(text)).toEqual({
      ok: true,
      value: timeZone === undefined ? expected : { ...expected, timeZone },
    });
  });

  it.each([
    ['every night at 02:00', '0 2 * * *'],
    ['every day at 02:00', '0 2 * * *'],
    ['daily at 02:00', '0 2 * * *'],
    ['Nightly at 2:00', '0 2 * * *'],
    ['every morning at 06:00', '0 6 * * *'],
    ['every evening at 19:30', '30 19 * * *'],
    ['every weekday at 06:00', '0 6 * * 1-5'],
    ['every weekdays at 06:00', '0 6 * * 1-5'],
    ['every Monday at 06:00', '0 6 * * 1'],
    ['every Mondays at 06:00', '0 6 * * 1'],
    ['every Mon at 06:00', '0 6 * * 1'],
    ['every Sunday at 06:00', '0 6 * * 0'],
    ['every Monday and Thursday at 06:00', '0 6 * * 1,4'],
    ['every Fri, Tues and Mon at 06:00', '0 6 * * 1,2,5'],
    ['every thurs, sat at 06:00', '0 6 * * 4,6'],
    ['weekly on Monday at 06:00', '0 6 * * 1'],
    ['on the 1st of every month', '0 0 1 * *'],
    ['on the 15th of every month at 08:00', '0 8 15 * *'],
    ['on the 2nd of each month at 08:00', '0 8 2 * *'],
    ['monthly on the 1st at 08:00', '0 8 1 * *'],
    ['monthly on the 28 at 08:00', '0 8 28 * *'],
    ['on the last day of every month at 22:00', '0 22 L * *'],
    ['monthly on the last at 22:00', '0 22 L * *'],
    ['every hour', '0 * * * *'],
    ['hourly', '0 * * * *'],
    ['cron "0 2 * * *"', '0 2 * * *'],
    ['cron 0 2 * * 1-5', '0 2 * * 1-5'],
    ['cron */15 8-18 * * MON-FRI', '*/15 8-18 * * mon-fri'],
  ])('reads "%s" as cron %s', (text, cron) => {
    expect(parseSchedulePhrase(text)).toEqual({
      ok: true,
      value: { kind: 'recurring', phrase: text, cron },
    });
  });

  it.each([
    ['every night at 02:00 Europe/Berlin', 'Europe/Berlin'],
    ['every Monday at 06:00 America/New_York', 'America/New_York'],
    ['cron "0 2 * * *" UTC', 'UTC'],
    ['cron 0 2 * * */2 Europe/Berlin', 'Europe/Berlin'],
  ])('reads the zone at the end of "%s"', (text, timeZone) => {
    expect(parseSchedulePhrase(text)).toMatchObject({ ok: true, value: { timeZone } });
  });

  it.each([
    ['at 2027-02-30 22:00', '2027-02-30 is not a date in the calendar.'],
    ['at 2027-13-01 22:00', '2027-13-01 is not a date in the calendar.'],
    ['at 2027-00-10 22:00', '2027-00-10 is not a date in the calendar.'],
    ['at 2027-01-00 22:00', '2027-01-00 is not a date in the calendar.'],
    ['on 15/01/2027 at 22:00', '"15/01/2027" is not a date: write dates as YYYY-MM-DD.'],
    [
      'at 2027-01-15 25:00',
      '"25:00" is not a time: write times as HH:MM on a 24-hour clock, e.g. 19:00.',
    ],
    [
      'at 2027-01-15 22:60',
      '"22:60" is not a time: write times as HH:MM on a 24-hour clock, e.g. 19:00.',
    ],
    [
      'every evening at 7pm',
      '"7pm" is not a time: write times as HH:MM on a 24-hour clock, e.g. 19:00.',
    ],
    ['at 22:00', 'Say the date too: write "at YYYY-MM-DD HH:MM".'],
    ['on 2027-01-15', 'Say at what time too, e.g. "on 2027-01-15 at 22:00".'],
    ['every night', 'Say at what time, e.g. "every night at 02:00".'],
    [
      'on the 31st of every month',
      'The 31st is not in every month: say "on the last day of every month".',
    ],
    ['on the 32nd of every month', '"32nd" is not a day of the month.'],
    ['monthly on the first', '"first" is not a day of the month.'],
    ['every Mondy at 06:00', 'I don\'t know the day "mondy". Did you mean Monday?'],
    [
      'at 2027-01-15 22:00 Europe/Berln',
      'I don\'t know the time zone "Europe/Berln". Did you mean Europe/Berlin?',
    ],
    ['at 2027-01-15 22:00 Mars/Olympus_Mons', 'I don\'t know the time zone "Mars/Olympus_Mons".'],
    [
      'cron "0 2 * *"',
      'A cron expression has 5 fields (minute hour day-of-month month day-of-week); "0 2 * *" has 4.',
    ],
    ['cron 0 2 * * $', '"$" is not a cron field.'],
    [
      'every 5 minutes',
      'I can\'t read "every 5 minutes" as a time: write e.g. "at 2027-01-15 22:00", "every night at 02:00", "every Monday at 06:00" or "on the 1st of every month".',
    ],
    [
      'at noon',
      'I can\'t read "at noon" as a time: write e.g. "at 2027-01-15 22:00", "every night at 02:00", "every Monday at 06:00" or "on the 1st of every month".',
    ],
  ])('refuses "%s"', (text, message) => {
    const result = parseSchedulePhrase(text);
    expect(result).toMatchObject({ ok: false, message });
    expect(result.ok || parseSchedulePhrase(result.example).ok).toBe(true);
  });
});

describe('a delay: once, that many days after it is asked (a grace period)', () => {
  it.each([
    ['in 7 days', 7],
    ['after 1 day', 1],
    ['with a grace period of 30 days', 30],
    ['grace period of 14 days', 14],
    ['grace period 365 days', 365],
  ])('reads "%s" as %i days later', (text, days) => {
    expect(parseSchedulePhrase(text)).toEqual({
      ok: true,
      value: { kind: 'later', phrase: text, days },
    });
  });

  it('keeps a zone typed after it', () => {
    expect(parseSchedulePhrase('in 7 days Europe/Berlin')).toEqual({
      ok: true,
      value: {
        kind: 'later',
        phrase: 'in 7 days Europe/Berlin',
        days: 7,
        timeZone: 'Europe/Berlin',
      },
    });
  });

  it.each([['in 0 days'], ['with a grace period of 366 days']])(
    'refuses "%s": 1 to 365 days',
    (text) => {
      expect(parseSchedulePhrase(text)).toEqual({
        ok: false,
        message: 'Give from 1 to 365 days, e.g. "in 7 days".',
        example: 'in 7 days',
      });
    },
  );

  it('is split off the end of a removal, before its reason', () => {
    expect(splitSchedule('remove E3 from group "Leavers" with a grace period of 30 days')).toEqual({
      command: 'remove E3 from group "Leavers"',
      when: { kind: 'later', phrase: 'with a grace period of 30 days', days: 30 },
    });
  });
});

describe('splitSchedule', () => {
  it.each([
    [
      'assign Power BI Pro to group "Sales" every night at 02:00',
      'assign Power BI Pro to group "Sales"',
      '0 2 * * *',
    ],
    [
      'assign E5 to adele@contoso.com every Monday at 06:00',
      'assign E5 to adele@contoso.com',
      '0 6 * * 1',
    ],
    [
      'remove E3 from group "Leavers" on the last day of every month at 22:00',
      'remove E3 from group "Leavers"',
      '0 22 L * *',
    ],
    [
      'assign E5 to group "every night at 02:00" every night at 03:00',
      'assign E5 to group "every night at 02:00"',
      '0 3 * * *',
    ],
    ['assign E5 to Dan on the 1st of every month', 'assign E5 to Dan', '0 0 1 * *'],
  ])('splits "%s"', (text, command, cron) => {
    expect(splitSchedule(text)).toMatchObject({ command, when: { cron } });
  });

  it('reads a one-time phrase and keeps it as typed', () => {
    expect(splitSchedule('assign E5 to adele at 2027-01-15 22:00 Europe/Berlin')).toEqual({
      command: 'assign E5 to adele',
      when: {
        kind: 'once',
        phrase: 'at 2027-01-15 22:00 Europe/Berlin',
        local: '2027-01-15T22:00',
        timeZone: 'Europe/Berlin',
      },
    });
  });

  it.each([
    'assign E5 to adele@contoso.com',
    'assign E5 to Dan Daily',
    'assign E5 to users where department eq "every day at 02:00"',
    'assign E5 to the person on the third floor',
  ])('leaves "%s" alone', (text) => {
    expect(splitSchedule(text)).toEqual({ command: text });
  });

  it.each([
    [
      'assign E5 to adele every night at 25:00',
      '"25:00" is not a time: write times as HH:MM on a 24-hour clock, e.g. 19:00.',
    ],
    ['assign E5 to adele at 2027-02-30 22:00', '2027-02-30 is not a date in the calendar.'],
    [
      'assign E5 to adele on the 30th of every month',
      'The 30th is not in every month: say "on the last day of every month".',
    ],
    [
      'assign E5 to adele every Mondy at 06:00',
      'I don\'t know the day "mondy". Did you mean Monday?',
    ],
    [
      'assign E5 to adele cron 0 2 * *',
      'A cron expression has 5 fields (minute hour day-of-month month day-of-week); "0 2 * *" has 4.',
    ],
  ])('reports the mistyped phrase in "%s"', (text, message) => {
    expect(splitSchedule(text)).toMatchObject({ failure: { message } });
  });
});
