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
