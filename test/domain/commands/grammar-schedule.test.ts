import { describe, expect, it } from 'vitest';
import { parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';

describe('a change run later', () => {
  it('reads a one-time phrase between the pilot and the reason', () => {
    expect(
      parseLicenseCommand('assign E5 to group "Sales" pilot 50 at 2027-01-15 22:00 because x'),
    ).toEqual({
      ok: true,
      value: {
        kind: 'assign',
        license: 'E5',
        users: [],
        withoutPlans: [],
        selection: { kind: 'group', group: 'Sales' },
        pilot: 50,
        when: { kind: 'once', phrase: 'at 2027-01-15 22:00', local: '2027-01-15T22:00' },
        justification: 'x',
      },
    });
  });

  it('reads a pilot after the schedule phrase too', () => {
    expect(
      parseLicenseCommand('assign E5 to group "Sales" every night at 02:00 pilot 50'),
    ).toMatchObject({ ok: true, value: { pilot: 50, when: { cron: '0 2 * * *' } } });
  });

  it('reads a weekly rule at the end of a command for one user', () => {
    expect(parseLicenseCommand('assign E5 to adele@contoso.com every Monday at 06:00')).toEqual({
      ok: true,
      value: {
        kind: 'assign',
        license: 'E5',
        users: ['adele@contoso.com'],
        withoutPlans: [],
        when: { kind: 'recurring', phrase: 'every Monday at 06:00', cron: '0 6 * * 1' },
      },
    });
  });

  it.each([
    ['remove E3 from group "Leavers" on the last day of every month at 22:00 UTC', 'remove'],
    ['transfer adele@contoso.com from E3 to E5 at 2027-01-15 22:00 Europe/Berlin', 'transfer'],
    ['disable Teams in E5 for adele@contoso.com cron "0 2 * * 1-5"', 'modify'],
  ])('reads "%s"', (text, kind) => {
    expect(parseLicenseCommand(text)).toMatchObject({ ok: true, value: { kind } });
  });

  it('keeps the location a fix card added after the reason', () => {
    expect(
      parseLicenseCommand(
        'assign E5 to adele@contoso.com every night at 02:00 because x location DE',
      ),
    ).toMatchObject({
      ok: true,
      value: { usageLocation: 'DE', when: { cron: '0 2 * * *' }, justification: 'x' },
    });
  });

  it('refuses a mistyped time rather than reading it as a user', () => {
    expect(parseLicenseCommand('assign E5 to adele@contoso.com every night at 7pm')).toEqual({
      ok: false,
      failure: {
        code: 'INVALID_SCHEDULE',
        message: '"7pm" is not a time: write times as HH:MM on a 24-hour clock, e.g. 19:00.',
        example: 'every evening at 19:00',
      },
    });
  });

  it('still refuses a broken change after a good phrase', () => {
    expect(parseLicenseCommand('assign E5 every night at 02:00')).toMatchObject({ ok: false });
  });

  it('leaves "request" as it is', () => {
    expect(parseLicenseCommand('request every night at 02:00')).toEqual({
      ok: true,
      value: { kind: 'request' },
    });
  });
});
