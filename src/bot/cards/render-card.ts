import { CardFactory, type Attachment } from 'botbuilder';
import type { CardDataByTemplate } from './card-data.ts';
import { compiledTemplate } from './compiled-templates.ts';
import type { CardName } from './templates.ts';

/** The largest card we send: the strictest limit a card meets in Teams. */
export const MAX_CARD_BYTES = 28 * 1024;

/** A rendered card would be refused by Teams: a view that should have paged did not. */
export class CardTooLargeError extends Error {
  override readonly name = 'CardTooLargeError';
  readonly code = 'CARD_TOO_LARGE';
}

/**
 * The card JSON for a template and its data. The template is parsed once and expanded into a new
 * object each time; the parsed template itself never changes.
 */
export function expandCard<K extends CardName>(name: K, data: CardDataByTemplate[K]): object {
  return compiledTemplate(name).expand(data);
}

/**
 * Renders a card template with its data into an attachment, and refuses to hand Teams a card
 * over 28 KB rather than have the message bounce.
 */
export function renderCard<K extends CardName>(name: K, data: CardDataByTemplate[K]): Attachment {
  const attachment = CardFactory.adaptiveCard(expandCard(name, data));
  const json = JSON.stringify(attachment);
  // A UTF-16 unit is at most 3 UTF-8 bytes: most cards are clearly under the limit by their
  // length alone, and only the others are counted byte by byte.
  if (json.length * 3 > MAX_CARD_BYTES) {
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > MAX_CARD_BYTES) {
      throw new CardTooLargeError(`The ${name} card is ${bytes} bytes, over ${MAX_CARD_BYTES}.`);
    }
  }
  return attachment;
}
