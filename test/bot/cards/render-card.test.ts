import { describe, expect, it } from 'vitest';
import type { LicensesCardData } from '../../../src/bot/cards/card-data.ts';
import {
  CardTooLargeError,
  MAX_CARD_BYTES,
  renderCard,
} from '../../../src/bot/cards/render-card.ts';

/** A licenses card whose size is set by its summary line. */
const licensesWithSummary = (summary: string): LicensesCardData => ({
  organisation: 'Contoso',
  summary,
  skus: [],
  pager: { label: '', hasNext: false, hasPrevious: false, next: 1, previous: 1 },
});

const wireBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('renderCard size limit', () => {
  it('sends a card just under 28 KB', () => {
    const empty = wireBytes(renderCard('licenses', licensesWithSummary('')));
    const attachment = renderCard(
      'licenses',
      licensesWithSummary('x'.repeat(MAX_CARD_BYTES - empty)),
    );
    expect(wireBytes(attachment)).toBe(MAX_CARD_BYTES);
  });

  it('refuses a card one byte over', () => {
    const empty = wireBytes(renderCard('licenses', licensesWithSummary('')));
    const summary = 'x'.repeat(MAX_CARD_BYTES - empty + 1);
    expect(() => renderCard('licenses', licensesWithSummary(summary))).toThrow(CardTooLargeError);
  });

  it('counts bytes, not characters: a card of few characters but many UTF-8 bytes is refused', () => {
    // 10,000 characters of 3 bytes each: 30,000 bytes on the wire, under the limit in length.
    const summary = '⚠'.repeat(10_000);
    expect(JSON.stringify(summary).length).toBeLessThan(MAX_CARD_BYTES);
    expect(() => renderCard('licenses', licensesWithSummary(summary))).toThrow(
      /The licenses card is 3\d{4} bytes, over 28672\./,
    );
  });
});
