import * as ACData from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import type { LicensesCardData } from '../../../src/bot/cards/card-data.ts';
import { compiledTemplate } from '../../../src/bot/cards/compiled-templates.ts';
import { expandCard } from '../../../src/bot/cards/render-card.ts';
import { cardTemplates } from '../../../src/bot/cards/templates.ts';

const licenses = (organisation: string, names: string[]): LicensesCardData => ({
  organisation,
  summary: `${names.length} subscriptions`,
  skus: names.map((name) => ({
    name,
    availableText: '3 available',
    availableColor: 'Good',
    details: '7 of 10 used · active',
    warning: '',
  })),
  pager: { label: '', hasNext: false, hasPrevious: false, next: 1, previous: 1 },
});

/** What rendering gave before templates were parsed once: a fresh parse per card. */
const freshlyParsed = (data: LicensesCardData): unknown =>
  new ACData.Template(structuredClone(cardTemplates.licenses)).expand({ $root: data });

describe('compiled card templates', () => {
  it('parses each card once and reuses it', () => {
    expect(compiledTemplate('licenses')).toBe(compiledTemplate('licenses'));
    expect(compiledTemplate('user')).not.toBe(compiledTemplate('licenses'));
  });

  it('renders exactly what a freshly parsed template renders, card after card', () => {
    const first = licenses('Contoso', ['Microsoft 365 E3', 'Power BI Pro']);
    const second = licenses('Fabrikam', ['Microsoft 365 F3']);
    expect(expandCard('licenses', first)).toEqual(freshlyParsed(first));
    expect(expandCard('licenses', second)).toEqual(freshlyParsed(second));
    expect(expandCard('licenses', first)).toEqual(freshlyParsed(first));
  });

  it('keeps no trace of an earlier card in the next one', () => {
    const many = expandCard('licenses', licenses('Contoso', ['A', 'B', 'C']));
    const one = JSON.stringify(expandCard('licenses', licenses('Contoso', ['Z'])));
    expect(JSON.stringify(many)).toContain('"B"');
    expect(one).not.toMatch(/"[ABC]"/);
  });

  it('hands out a new card each time: changing one does not change the next', () => {
    const data = licenses('Contoso', ['Microsoft 365 E3']);
    const card = expandCard('licenses', data) as { body: unknown[] };
    card.body.length = 0;
    expect(expandCard('licenses', data)).toEqual(freshlyParsed(data));
  });
});
