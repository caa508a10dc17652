import { describe, expect, it } from 'vitest';
import { parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';
import { commandText, withWord } from '../../../src/bot/requests/command-text.ts';

function parsed(text: string) {
  const result = parseLicenseCommand(text);
  if (!result.ok || result.value.kind === 'request') {
    throw new Error(`not a change: ${text}`);
  }
  return result.value;
}

describe('a pick on a "which one?" card', () => {
  it.each([
    ['assign E5 to adele@contoso.com without Teams location GB', 'E5', 'Microsoft 365 E5'],
    ['remove E3 from adele@contoso.com, alex@contoso.com', 'E3', 'Office 365 E3'],
    ['transfer adele@contoso.com from E3 to E5', 'E5', 'Microsoft 365 E5'],
    ['disable Teams in E3 for Adele', 'Adele', 'adelev@contoso.com'],
  ])('rewrites "%s" so that it parses to the same request with the pick', (text, word, pick) => {
    const command = parsed(text);
    const again = parsed(commandText(withWord(command, word, pick)));
    expect(JSON.stringify(again)).toContain(pick);
    expect(again.kind).toBe(command.kind);
    expect(again.users.length).toBe(command.users.length);
  });

  it('keeps the words that were not asked about', () => {
    const text = commandText(
      withWord(parsed('assign E5 to adele@contoso.com without Teams location GB'), 'E5', 'SPE_E5'),
    );
    expect(text).toBe('assign SPE_E5 to adele@contoso.com without Teams location GB');
  });

  it('keeps the reason, last, as typed', () => {
    const command = parsed('assign E5 to adele@contoso.com location GB because new starter');
    const text = commandText(withWord(command, 'E5', 'SPE_E5'));
    expect(text).toBe('assign SPE_E5 to adele@contoso.com location GB because new starter');
    expect(parsed(text)).toEqual({ ...command, license: 'SPE_E5' });
  });
});

describe('commandText of bulk selections', () => {
  it('writes a group, a filter or the file back so the grammar reads the same selection', () => {
    for (const typed of [
      'assign Power BI Pro to group "Sales Department" without Yammer because reports',
      'assign E5 to users where department eq "Sales" and not has E5',
      'assign from this file because they start Monday',
      'assign E5 from this file',
      'remove EXCHANGESTANDARD from group "Contractors"',
      'assign E5 to group "Sales" pilot 25 because the team grows',
      'transfer users where city eq "Pilot Point" from E3 to E5 with a pilot of 10 users',
      'remove E3 from group "Contractors" keeping mailboxes because contracts end',
      'transfer users where department eq "Sales" and has E3 from E3 to E5',
      'transfer group "Sales" from E3 to E5',
      'transfer the users in this file from E3 to E5',
      'disable Yammer in E5 for users where city eq "Paris"',
      'enable Teams for the users in this file',
    ]) {
      const parsed = parseLicenseCommand(typed);
      if (!parsed.ok || parsed.value.kind === 'request') {
        throw new Error(typed);
      }
      const again = parseLicenseCommand(commandText(parsed.value));
      expect(again, typed).toEqual(parsed);
    }
  });
});
