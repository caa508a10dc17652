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
