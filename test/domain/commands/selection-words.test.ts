import { describe, expect, it } from 'vitest';
import { parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';
import { maskQuoted } from '../../../src/domain/commands/read-who.ts';
import { describeSelection } from '../../../src/domain/selection/user-selection.ts';

const parsed = (text: string) => {
  const result = parseLicenseCommand(text);
  if (!result.ok) {
    throw new Error(`${text}: ${result.failure.message}`);
  }
  return result.value;
};

describe('bulk selections in typed commands', () => {
  it('reads a group after "to", with or without quotes and leading words', () => {
    for (const text of [
      'assign Microsoft 365 E5 to group "Sales Department"',
      'assign Microsoft 365 E5 to everyone in group Sales Department',
      'assign Microsoft 365 E5 to members of the group "Sales Department"',
      'assign Microsoft 365 E5 to all users in group Sales Department',
    ]) {
      expect(parsed(text), text).toEqual({
        kind: 'assign',
        license: 'Microsoft 365 E5',
        users: [],
        withoutPlans: [],
        selection: { kind: 'group', group: 'Sales Department' },
      });
    }
  });

  it('keeps options after a selection, and options words inside quotes in the filter', () => {
    expect(
      parsed(
        'assign E5 to users where jobTitle eq "Head without portfolio" without Yammer location FR because new team',
      ),
    ).toEqual({
      kind: 'assign',
      license: 'E5',
      users: [],
      withoutPlans: ['Yammer'],
      usageLocation: 'FR',
      justification: 'new team',
      selection: { kind: 'filter', filter: 'jobTitle eq "Head without portfolio"' },
    });
  });

  it('reads a transfer whose filter names licenses before the last "from"', () => {
    expect(parsed('transfer users where department eq "Sales" and has E3 from E3 to E5')).toEqual({
      kind: 'transfer',
      users: [],
      fromSku: 'E3',
      toSku: 'E5',
      selection: { kind: 'filter', filter: 'department eq "Sales" and has E3' },
    });
    expect(parsed('transfer group "Sales from HQ" from E3 to E5')).toMatchObject({
      selection: { kind: 'group', group: 'Sales from HQ' },
      fromSku: 'E3',
    });
  });

  it('reads removals and plan changes for a group, a filter and a file', () => {
    expect(parsed('remove EXCHANGESTANDARD from group Contractors')).toMatchObject({
      kind: 'remove',
      license: { scope: 'sku', sku: 'EXCHANGESTANDARD' },
      selection: { kind: 'group', group: 'Contractors' },
    });
    expect(parsed('remove all from users where accountEnabled eq false')).toMatchObject({
      license: { scope: 'all' },
      selection: { kind: 'filter', filter: 'accountEnabled eq false' },
    });
    expect(parsed('remove from this file')).toMatchObject({
      kind: 'remove',
      selection: { kind: 'file' },
    });
    expect(parsed('disable Yammer in E5 for users where department eq "Legal"')).toMatchObject({
      kind: 'modify',
      action: 'disable',
      plans: ['Yammer'],
      sku: 'E5',
      selection: { kind: 'filter', filter: 'department eq "Legal"' },
    });
  });

  it('reads a file with or without a license named in the words', () => {
    expect(parsed('assign from this file because they start Monday')).toEqual({
      kind: 'assign',
      license: '',
      users: [],
      withoutPlans: [],
      justification: 'they start Monday',
      selection: { kind: 'file' },
    });
    expect(parsed('assign Power BI Pro from the attached file')).toMatchObject({
      license: 'Power BI Pro',
      selection: { kind: 'file' },
    });
  });

  it('still reads people named one by one, and still asks for a license elsewhere', () => {
    expect(parsed('assign E5 to adele@contoso.com, the group lead')).toMatchObject({
      users: ['adele@contoso.com', 'the group lead'],
    });
    const missing = parseLicenseCommand('assign to group Sales');
    expect(!missing.ok && missing.failure.code).toBe('MISSING_LICENSE');
  });

  it('says a selection in words', () => {
    expect(describeSelection({ kind: 'group', group: 'Sales' })).toBe('group "Sales"');
    expect(describeSelection({ kind: 'filter', filter: 'city eq "Paris"' })).toBe(
      'users where city eq "Paris"',
    );
    expect(describeSelection({ kind: 'file' })).toBe('the users in the file');
    expect(maskQuoted(`a "b c" d 'e' O'Brien`)).toBe(`a       d     O'Brien`);
  });
});

describe('a pilot', () => {
  it('is read anywhere before the reason, outside quotes, in a few wordings', () => {
    expect(parsed('assign E5 to group "Sales" pilot 50 because the team grows')).toMatchObject({
      pilot: 50,
      selection: { kind: 'group', group: 'Sales' },
      justification: 'the team grows',
    });
    expect(
      parsed('transfer users where city eq "Pilot 5" with a pilot of 10 users from E3 to E5'),
    ).toMatchObject({
      pilot: 10,
      selection: { kind: 'filter', filter: 'city eq "Pilot 5"' },
    });
    expect('pilot' in parsed('assign E5 to group "pilot 3"')).toBe(false);
  });

  it('must run at least one user', () => {
    const zero = parseLicenseCommand('assign E5 to group Sales pilot 0');
    expect(!zero.ok && zero.failure.code).toBe('INVALID_PILOT');
  });
});
