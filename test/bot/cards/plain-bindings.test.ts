import * as ACData from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import { joinPlainBindings, markPlainBindings } from '../../../src/bot/cards/plain-bindings.ts';

/** The card a template gives with our rewriting, and the one the templating library alone gives. */
const ours = (template: object, data: object): unknown =>
  joinPlainBindings(
    new ACData.Template(markPlainBindings(structuredClone(template))).expand({
      $root: data,
    }) as object,
  );
const libraryAlone = (template: object, data: object): unknown =>
  new ACData.Template(structuredClone(template)).expand({ $root: data });

const textBlock = (text: string) => ({ type: 'TextBlock', text });
const card = (...body: object[]) => ({ type: 'AdaptiveCard', version: '1.5', body });

describe('bound text in Markdown-rendered properties', () => {
  it('shows a bound value literally and keeps the template’s own Markdown', () => {
    const shown = ours(card(textBlock('**On:** ${plans}')), { plans: '**Sway**, [x](y)' });
    expect(shown).toEqual(card(textBlock('**On:** \\*\\*Sway\\*\\*, \\[x\\](y)')));
  });

  it('escapes a fact’s title and value, not the fact’s literal title', () => {
    const template = card({
      type: 'FactSet',
      facts: [
        { title: 'Why', value: '${why}' },
        { title: '${label}', value: 'literal _x_' },
      ],
    });
    expect(ours(template, { why: '_x_', label: '<at>M</at>' })).toEqual(
      card({
        type: 'FactSet',
        facts: [
          { title: 'Why', value: '\\_x\\_' },
          { title: '\\<at\\>M\\</at\\>', value: 'literal _x_' },
        ],
      }),
    );
  });

  it('escapes bindings side by side as one text, so a line start between them is seen', () => {
    expect(ours(card(textBlock('${a}${b}')), { a: '1', b: '. x' })).toEqual(
      card(textBlock('1\\. x')),
    );
  });

  it('leaves inputs, choices, button titles and action data exactly as bound', () => {
    const template = card(
      { type: 'Input.Text', id: 'why', value: '${why}', placeholder: '${why}' },
      { type: 'Input.ChoiceSet', id: 'c', choices: [{ title: '${why}', value: '${why}' }] },
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.Execute', title: '${why}', verb: 'v', data: { w: '${why}' } }],
      },
    );
    const data = { why: '**urgent** <at>M</at>' };
    expect(ours(template, data)).toEqual(libraryAlone(template, data));
  });

  it('reaches text in repeated containers and in a card shown by a button', () => {
    const template = card({
      type: 'Container',
      $data: '${items}',
      items: [
        textBlock('${$data}'),
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.ShowCard',
              title: 'Delete ${$data}',
              card: card(textBlock('Delete ${$data}?')),
            },
          ],
        },
      ],
    });
    const shown = JSON.stringify(ours(template, { items: ['*a*', 'b_'] }));
    expect(shown).toContain('"text":"\\\\*a\\\\*"');
    expect(shown).toContain('"text":"Delete b\\\\_?"');
    expect(shown).toContain('"title":"Delete *a*"');
  });

  it('renders what the library renders when nothing needs escaping, whatever the expression', () => {
    const template = card(
      textBlock("${if(count(list) > 1, 'many', 'one')} of ${join(list, ', ')}"),
      textBlock('${n} seats, ${$root.flag}'),
      textBlock('${concat(\'a}\', "b{")}'),
      textBlock('Impact'),
    );
    const data = { list: ['E3', 'E5'], n: 3, flag: true };
    expect(ours(template, data)).toEqual(libraryAlone(template, data));
  });

  it('still shows a missing field as its binding, so a test can catch it', () => {
    expect(ours(card(textBlock('Hello ${name}')), {})).toEqual(card(textBlock('Hello ${name}')));
  });

  it('shows a null as nothing (where the library alone would throw) and a number as digits', () => {
    expect(ours(card(textBlock('${a}|${b}|${c}')), { b: null, c: 3 })).toEqual(
      card(textBlock('${a}||3')),
    );
    expect(ours(card(textBlock("[${if(true, null, 'x')}]")), {})).toEqual(card(textBlock('[]')));
  });

  it('refuses an expanded part it does not know', () => {
    expect(() => joinPlainBindings(card({ type: 'TextBlock', text: ['x'] }))).toThrow(
      /Not a part of card text/,
    );
  });
});
