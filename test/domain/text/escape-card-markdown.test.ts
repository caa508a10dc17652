import { describe, expect, it } from 'vitest';
import { escapeCardMarkdown } from '../../../src/domain/text/escape-card-markdown.ts';

describe('escapeCardMarkdown', () => {
  it.each([
    ['plain text stays as it is', 'Adele Vance · Retail', 'Adele Vance · Retail'],
    ['nothing is nothing', '', ''],
    [
      'a link shows its brackets',
      '[Approve](https://evil.example)',
      '\\[Approve\\](https://evil.example)',
    ],
    ['bold shows its stars', '**urgent**', '\\*\\*urgent\\*\\*'],
    ['a star inside a word still makes italics, so it is escaped', 'a*b*c', 'a\\*b\\*c'],
    ['italics with underscores around a word', '_x_', '\\_x\\_'],
    ['an underscore inside a word never makes italics', 'SPE_E5', 'SPE_E5'],
    ['an underscore beside a space is escaped', 'a _b', 'a \\_b'],
    ['an underscore next to another is escaped', 'a__b', 'a\\_\\_b'],
    ['an underscore at the end of a line is escaped', 'x_', 'x\\_'],
    ['an underscore between letters of any script', 'Zoë_Ångström', 'Zoë_Ångström'],
    ['a mention tag cannot form', '<at>Megan</at>', '\\<at\\>Megan\\</at\\>'],
    [
      'any tag or autolink',
      '<b>x</b> <https://x.example>',
      '\\<b\\>x\\</b\\> \\<https://x.example\\>',
    ],
    ['code spans and strike-through', '`code` ~~gone~~', '\\`code\\` \\~\\~gone\\~\\~'],
    ['a typed backslash shows', 'C:\\temp\\*', 'C:\\\\temp\\\\\\*'],
    [
      'an entity shows as typed, not as its character',
      '&lt;at&gt; &#60; &#x3C;',
      '\\&lt;at\\&gt; \\&#60; \\&#x3C;',
    ],
    ['an ampersand on its own stays', 'Sales & Marketing', 'Sales & Marketing'],
    ['a heading at the start', '# h', '\\# h'],
    ['a deeper heading', '## h', '\\## h'],
    ['a heading marker alone on a line', '#', '\\#'],
    ['a hash before a word is no heading', '#1 priority', '#1 priority'],
    ['a hash inside a line is no heading', 'room # 4', 'room # 4'],
    ['a bullet with a dash', '- item', '\\- item'],
    ['a bullet with a plus', '+ item', '\\+ item'],
    ['an indented bullet', '  - item', '  \\- item'],
    ['a rule or a heading underline', '---', '\\---'],
    ['a setext underline of equals signs', '===', '\\==='],
    ['a negative number is no bullet', '-3 available', '-3 available'],
    ['a phone number is no bullet', '+44 20 7946 0000', '+44 20 7946 0000'],
    ['a dash inside a line stays', 'Seattle - Retail', 'Seattle - Retail'],
    ['a star bullet (escaped like any star)', '* item', '\\* item'],
    ['a quote', '> said', '\\> said'],
    ['a numbered item', '1. one', '1\\. one'],
    ['a numbered item with a parenthesis', '12) twelve', '12\\) twelve'],
    ['a number alone on a line, as an empty item', '3.', '3\\.'],
    ['a decimal is no item', '3.5 seats', '3.5 seats'],
    ['a date is no item', '2026-11-23', '2026-11-23'],
  ])('%s', (_rule, typed, shown) => {
    expect(escapeCardMarkdown(typed)).toBe(shown);
  });

  it('escapes the start of every line, whatever the line break', () => {
    expect(escapeCardMarkdown('a\n- b\r\n# c\r1. d')).toBe('a\n\\- b\r\n\\# c\r1\\. d');
  });

  it('keeps the line breaks themselves', () => {
    expect(escapeCardMarkdown('a\n\nb')).toBe('a\n\nb');
  });

  it('shows the hostile justification literally', () => {
    expect(
      escapeCardMarkdown(
        '[Approve](https://evil.example) **urgent** <at>Megan</at> _x_\n# h\n- item',
      ),
    ).toBe(
      '\\[Approve\\](https://evil.example) \\*\\*urgent\\*\\* \\<at\\>Megan\\</at\\> \\_x\\_\n\\# h\n\\- item',
    );
  });

  it('is meant to be applied once: escaping twice shows the first backslashes', () => {
    expect(escapeCardMarkdown(escapeCardMarkdown('*'))).toBe('\\\\\\*');
  });
});
