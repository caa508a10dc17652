import { describe, expect, it } from 'vitest';
import {
  asOneName,
  plainCommandText,
  readMentions,
  splitList,
  type TextMention,
} from '../../../src/domain/commands/command-text.ts';

const bot: TextMention = { markups: ['<at>License Desk</at>'], meaning: '' };
const adele: TextMention = { markups: ['<at>Adele Vance</at>'], meaning: 'Adele Vance' };
const read = (text: string, mentions: readonly TextMention[]) =>
  plainCommandText(readMentions(text, mentions));

describe('readMentions', () => {
  it("drops the bot's own mention and reads a colleague's as who it means", () => {
    expect(read('<at>License Desk</at> user <at>Adele Vance</at>', [bot, adele])).toBe(
      'user Adele Vance',
    );
  });

  it('reads a list of mentioned people, commas kept', () => {
    const isaiah = { markups: ['<at>Isaiah Langer</at>'], meaning: 'Isaiah Langer' };
    expect(
      read('assign Power BI Pro to <at>Adele Vance</at>, <at>Isaiah Langer</at>', [adele, isaiah]),
    ).toBe('assign Power BI Pro to Adele Vance , Isaiah Langer');
  });

  it('matches a spelling of the markup regardless of case and spacing', () => {
    const named = { markups: ['<at>x</at>', '<at>License  Desk</at>'], meaning: '' };
    expect(read('<AT>license desk</AT> help', [named])).toBe('help');
  });

  it('takes mentions in order, so two people with the same text are both read', () => {
    const first = { markups: ['<at>Adele</at>'], meaning: 'id-1' };
    const second = { markups: ['<at>Adele</at>'], meaning: 'id-2' };
    expect(read('assign E5 to <at>Adele</at>, <at>Adele</at>', [first, second])).toBe(
      'assign E5 to id-1 , id-2',
    );
  });

  it('reads a mention again when the text repeats it more often than it was sent', () => {
    expect(read('<at>License Desk</at> help <at>License Desk</at>', [bot])).toBe('help');
  });

  it('leaves markup no mention explains for plainCommandText to drop', () => {
    expect(readMentions('<at>Someone</at> help', [bot])).toBe('<at>Someone</at> help');
    expect(read('<at>Someone</at> help', [])).toBe('help');
  });
});

describe('asOneName', () => {
  it('keeps a name with list separators one entry of a list', () => {
    for (const name of ['Vance, Adele', 'Research and Development', 'R & D; Lab']) {
      expect(splitList(`megan@contoso.com, ${asOneName(name)}`)).toHaveLength(2);
    }
    expect(asOneName(' Vance,Adele ')).toBe('Vance Adele');
  });

  it('leaves a plain name as it is', () => {
    expect(asOneName('Adele Vance')).toBe('Adele Vance');
  });
});
