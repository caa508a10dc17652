import { describe, expect, it } from 'vitest';
import { splitBindings } from '../../../src/bot/cards/split-bindings.ts';

describe('splitBindings', () => {
  it.each([
    ['a whole binding', '${title}', [{ binding: '${title}' }]],
    ['text without bindings', 'Impact', [{ text: 'Impact' }]],
    [
      'the template’s Markdown around a binding',
      '**On:** ${enabledPlans}',
      [{ text: '**On:** ' }, { binding: '${enabledPlans}' }],
    ],
    [
      'bindings side by side and between text',
      '${name} (${partNumber})${x}',
      [
        { binding: '${name}' },
        { text: ' (' },
        { binding: '${partNumber}' },
        { text: ')' },
        { binding: '${x}' },
      ],
    ],
    [
      'a `}` inside quotes',
      '${if(a, \'}\', "{")} and',
      [{ binding: '${if(a, \'}\', "{")}' }, { text: ' and' }],
    ],
    [
      'an escaped quote inside quotes',
      "${concat('it\\'s }', b)}",
      [{ binding: "${concat('it\\'s }', b)}" }],
    ],
    [
      'an object literal',
      '${json({a: {b: 1}})}!',
      [{ binding: '${json({a: {b: 1}})}' }, { text: '!' }],
    ],
    ['a lone dollar or brace is text', '$5 {x}', [{ text: '$5 {x}' }]],
  ])('%s', (_case, template, pieces) => {
    expect(splitBindings(template)).toEqual(pieces);
  });

  it.each([
    ['an unclosed binding', 'a ${title'],
    ['an empty binding', 'a ${} b'],
    ['a line break inside a binding', '${a\n}'],
    ['a backtick inside a binding', '${`a`}'],
    ['an unclosed quote', "${concat('a)}"],
    ['the lexer’s escape of a dollar', 'costs \\${price}'],
    ['the lexer’s escape of a backtick', 'a \\` b ${c}'],
  ])('refuses what the templating library would read differently: %s', (_case, template) => {
    expect(() => splitBindings(template)).toThrow(
      expect.objectContaining({ code: 'UNREADABLE_TEMPLATE_TEXT' }),
    );
  });
});
