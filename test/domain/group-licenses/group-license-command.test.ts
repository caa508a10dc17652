import { describe, expect, it } from 'vitest';
import { parseGroupLicenseCommand } from '../../../src/domain/group-licenses/group-license-command.ts';

describe('parseGroupLicenseCommand', () => {
  it.each([
    [
      'group "Sales Department" with Microsoft 365 E5 without Yammer, Sway because the team grows',
      {
        kind: 'license',
        group: 'Sales Department',
        license: 'Microsoft 365 E5',
        withoutPlans: ['Yammer', 'Sway'],
        justification: 'the team grows',
      },
    ],
    ['group Sales with E5', { kind: 'license', group: 'Sales', license: 'E5', withoutPlans: [] }],
    ['Sales with E5', { kind: 'license', group: 'Sales', license: 'E5', withoutPlans: [] }],
    [
      'group “Sales with Friends” with E5',
      { kind: 'license', group: 'Sales with Friends', license: 'E5', withoutPlans: [] },
    ],
  ])('reads license %s', (rest, expected) => {
    expect(parseGroupLicenseCommand('license', rest)).toEqual({ ok: true, value: expected });
  });

  it('reads unlicense with its reason', () => {
    expect(
      parseGroupLicenseCommand(
        'unlicense',
        'group Contractors from EXCHANGESTANDARD because mail moves',
      ),
    ).toEqual({
      ok: true,
      value: {
        kind: 'unlicense',
        group: 'Contractors',
        sku: 'EXCHANGESTANDARD',
        justification: 'mail moves',
      },
    });
    expect(parseGroupLicenseCommand('unlicense', 'Contractors from E3')).toEqual({
      ok: true,
      value: { kind: 'unlicense', group: 'Contractors', sku: 'E3' },
    });
  });

  it('reads a one-time time before the reason, for license and unlicense', () => {
    expect(
      parseGroupLicenseCommand(
        'license',
        'group "Sales" with E5 at 2027-01-15 22:00 Europe/Berlin because the migration window',
      ),
    ).toEqual({
      ok: true,
      value: {
        kind: 'license',
        group: 'Sales',
        license: 'E5',
        withoutPlans: [],
        justification: 'the migration window',
        when: {
          kind: 'once',
          phrase: 'at 2027-01-15 22:00 Europe/Berlin',
          local: '2027-01-15T22:00',
          timeZone: 'Europe/Berlin',
        },
      },
    });
    expect(parseGroupLicenseCommand('unlicense', 'Contractors from E3 in 30 days')).toEqual({
      ok: true,
      value: {
        kind: 'unlicense',
        group: 'Contractors',
        sku: 'E3',
        when: { kind: 'later', phrase: 'in 30 days', days: 30 },
      },
    });
  });

  it('refuses a recurring time for a group license, and a time it cannot read', () => {
    const recurring = parseGroupLicenseCommand(
      'license',
      'group Sales with E5 every night at 02:00',
    );
    expect(recurring).toMatchObject({
      ok: false,
      message: expect.stringContaining('schedule the change once'),
      example:
        'license group "Sales EMEA" with Microsoft 365 E5 without Yammer at 2027-01-15 22:00',
    });
    expect(
      parseGroupLicenseCommand('license', 'group Sales with E5 every night at 25:00'),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('HH:MM'),
    });
  });

  it.each([
    ['license', 'group Sales with E5 because', 'Say why after "because"'],
    ['license', 'group Sales E5', 'the group\'s name, then "with"'],
    ['license', 'group "Sales" E5', 'the group\'s name, then "with"'],
    ['license', 'group with E5', 'the group\'s name, then "with"'],
    ['license', 'group Sales with without Yammer', 'which license the group should hand out'],
    ['license', 'group Sales with E5 without', 'Say which plans to leave off'],
    ['unlicense', 'group Sales E5', 'then "from" and the license'],
    ['unlicense', 'group Sales from', 'which license the group should stop handing out'],
  ] as const)('refuses %s %s with what to write', (verb, rest, message) => {
    const parsed = parseGroupLicenseCommand(verb, rest);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain(message);
      expect(parsed.example).toMatch(new RegExp(`^${verb} group`));
    }
  });
});
