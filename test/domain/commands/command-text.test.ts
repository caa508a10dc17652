import { describe, expect, it } from 'vitest';
import {
  asOneName,
  decodeHtmlEntities,
  mentionedName,
  plainCommandText,
  readMentions,
  splitList,
  tidyPlainText,
  type TextMention,
} from '../../../src/domain/commands/command-text.ts';

const bot: TextMention = { markups: ['<at>License Desk</at>'], meaning: '' };
const adele: TextMention = { markups: ['<at>Adele Vance</at>'], meaning: 'Adele Vance' };
const ID_ADELE = '00000000-0000-0000-0000-0000000000022';
const ID_MEGAN = '00000000-0000-0000-0000-0000000000021';
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

  it('reads markup no mention explains as the name inside it, so nobody vanishes', () => {
    expect(read('assign E5 to <at>R&amp;D Lab</at>, <at>Adele Vance</at>', [adele])).toBe(
      'assign E5 to R&D Lab , Adele Vance',
    );
    expect(read('user <at>Vance, Adele</at>', [])).toBe('user Vance Adele');
  });

  it('drops markup no mention explains before the command, where the bot is addressed', () => {
    expect(read('<at>Someone</at> help', [bot])).toBe('help');
    expect(read('&nbsp;<at>License Desk</at> <at>Desk</at> help', [bot])).toBe('help');
    expect(read('<at></at> help <at></at>', [])).toBe('help');
  });

  it('matches a name with an HTML entity however either side spells it', () => {
    const lab = { markups: ['<at>R&D Lab</at>'], meaning: 'id-lab' };
    expect(read('assign E5 to <at>R&amp;D Lab</at>', [lab])).toBe('assign E5 to id-lab');
    const encoded = { markups: ['<at>R&amp;D Lab</at>'], meaning: 'id-lab' };
    expect(read('assign E5 to <at>R&#38;D Lab</at>', [encoded])).toBe('assign E5 to id-lab');
  });
});

describe('mentions side by side', () => {
  const first = { markups: ['<at>Adele Vance</at>'], meaning: ID_ADELE };
  const second = { markups: ['<at>Megan Bowen</at>'], meaning: ID_MEGAN };

  it('reads mentions with only spaces between as separate entries of a list', () => {
    const text = read('assign E5 to <at>Adele Vance</at> <at>Megan Bowen</at>', [first, second]);
    expect(text).toBe(`assign E5 to ${ID_ADELE} , ${ID_MEGAN}`);
    expect(splitList(text.slice('assign E5 to '.length))).toEqual([ID_ADELE, ID_MEGAN]);
  });

  it('does so by name too, after a line break or &nbsp;, and with commas in the list', () => {
    const megan = { markups: ['<at>Megan Bowen</at>'], meaning: 'Megan Bowen' };
    const isaiah = { markups: ['<at>Isaiah</at>'], meaning: 'Isaiah' };
    const text = read(
      'assign E5 to <at>Adele Vance</at>\n<at>Megan Bowen</at>&nbsp;<at>Isaiah</at>, bob@contoso.com',
      [adele, megan, isaiah],
    );
    expect(splitList(text.slice('assign E5 to '.length))).toEqual([
      'Adele Vance',
      'Megan Bowen',
      'Isaiah',
      'bob@contoso.com',
    ]);
  });

  it('keeps words between mentions, and adds no comma after the bot', () => {
    expect(
      read('<at>License Desk</at> <at>Adele Vance</at> and <at>Megan Bowen</at>', [
        bot,
        adele,
        second,
      ]),
    ).toBe(`Adele Vance and ${ID_MEGAN}`);
  });
});

describe('a mention Teams split into a tag per word', () => {
  const word = (name: string, meaning: string, who = '29:adele'): TextMention => ({
    markups: [`<at>${name}</at>`],
    meaning,
    who,
  });

  it('reads the words of one person mentioned by name as one name', () => {
    const text = read('assign E5 to <at>Adele</at> <at>Vance</at>', [
      word('Adele', 'Adele'),
      word('Vance', 'Vance'),
    ]);
    expect(text).toBe('assign E5 to Adele Vance');
    expect(splitList(text.slice('assign E5 to '.length))).toEqual(['Adele Vance']);
  });

  it('reads one object id once, then the next person as the next entry of the list', () => {
    const text = read('assign E5 to <at>Adele</at>&nbsp;<at>Vance</at> <at>Megan Bowen</at>', [
      word('Adele', ID_ADELE),
      word('Vance', ID_ADELE),
      word('Megan Bowen', ID_MEGAN, '29:megan'),
    ]);
    expect(text).toBe(`assign E5 to ${ID_ADELE} , ${ID_MEGAN}`);
  });

  it("drops the bot's own mention in words, and keeps a split tag's one '@'", () => {
    const text = read('<at>License</at> <at>Desk</at> user <at>Finance</at> <at>Team</at>', [
      word('License', '', '28:bot'),
      word('Desk', '', '28:bot'),
      word('Finance', '@Finance', 'tag-1'),
      word('Team', '@Team', 'tag-1'),
    ]);
    expect(text).toBe('user @Finance Team');
  });

  it('reads the same person apart when words come between the mentions', () => {
    const text = read('assign E5 to <at>Adele</at> and <at>Adele</at>', [
      word('Adele', ID_ADELE),
      word('Adele', ID_ADELE),
    ]);
    expect(text).toBe(`assign E5 to ${ID_ADELE} and ${ID_ADELE}`);
  });

  it('reads markup no mention explains apart from a split mention beside it', () => {
    expect(read('user <at>Adele</at> <at>Vance</at>', [word('Adele', 'Adele')])).toBe(
      'user Adele , Vance',
    );
    expect(read('user <at>Vance</at> <at>Adele</at>', [word('Adele', 'Adele')])).toBe(
      'user Vance , Adele',
    );
  });
});

describe('tidyPlainText', () => {
  it('makes quotes plain and collapses spaces, and leaves what looks like markup', () => {
    expect(tidyPlainText(' \u201ca <b>\u201d\n \u2018&lt;\u2019 ')).toBe(`"a <b>" '&lt;'`);
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hexadecimal entities in one pass', () => {
    expect(decodeHtmlEntities('R&amp;D &lt;Lab&GT; &#39;x&#x27; &quot;&apos;&nbsp;&amp;lt;')).toBe(
      `R&D <Lab> 'x' "' &lt;`,
    );
  });

  it('leaves what is no entity or no character as written', () => {
    expect(decodeHtmlEntities('&copy; &constructor; &#x110000; & ; &#;')).toBe(
      '&copy; &constructor; &#x110000; & ; &#;',
    );
  });
});

describe('mentionedName', () => {
  it('is the name inside the markup, plain and one entry of a list', () => {
    expect(mentionedName('<at>Vance, R&amp;D</at>')).toBe('Vance R&D');
    expect(mentionedName('')).toBe('');
  });
});

describe('splitList', () => {
  it('splits addresses and object ids separated by spaces, not names', () => {
    expect(splitList(`${ID_ADELE} ${ID_MEGAN} bob@contoso.com`)).toEqual([
      ID_ADELE,
      ID_MEGAN,
      'bob@contoso.com',
    ]);
    expect(splitList(`Adele Vance ${ID_MEGAN}`)).toEqual([`Adele Vance ${ID_MEGAN}`]);
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
