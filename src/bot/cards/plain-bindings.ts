import { escapeCardMarkdown } from '../../domain/text/escape-card-markdown.ts';
import { forEachMarkdownProperty } from './markdown-properties.ts';
import { splitBindings } from './split-bindings.ts';

/**
 * A piece of Markdown-rendered card text once expanded: the template's own Markdown (kept), or
 * the value of one binding (shown as typed). A binding whose value is undefined loses its key in
 * expansion, so `{}` is an empty value.
 */
type ExpandedPart = { markdown?: unknown; plain?: unknown };

const isExpandedPart = (part: unknown): part is ExpandedPart =>
  typeof part === 'object' && part !== null && !Array.isArray(part);

/**
 * Rewrites a card template (a copy the caller owns) so that each Markdown-rendered string with
 * bindings becomes a list of parts: the templating library then expands each binding on its own,
 * and `joinPlainBindings` can tell the template's Markdown from the data in it.
 *
 * Not an escaping function inside the bindings: adaptivecards-templating 2.3 resolves only the
 * built-in expression functions, and one added with `Expression.functions.add` fails as unknown.
 */
export function markPlainBindings(template: object): object {
  forEachMarkdownProperty(template, (holder, key) => {
    const text = holder[key];
    if (typeof text === 'string' && text.includes('${')) {
      holder[key] = splitBindings(text).map((piece) =>
        'text' in piece ? { markdown: piece.text } : { plain: piece.binding },
      );
    }
  });
  return template;
}

/**
 * Joins the parts of an expanded card (one the caller owns) back into strings, every bound value
 * escaped so Teams shows it literally: a justification `**urgent**` stays two stars and a word,
 * while the template's own `**On:**` stays bold. Bindings side by side are escaped as one text,
 * so no line start is missed between them.
 */
export function joinPlainBindings(card: object): object {
  forEachMarkdownProperty(card, (holder, key) => {
    const parts = holder[key];
    if (Array.isArray(parts)) {
      holder[key] = joinParts(parts);
    }
  });
  return card;
}

function joinParts(parts: readonly unknown[]): string {
  let shown = '';
  let bound = '';
  for (const part of parts) {
    if (!isExpandedPart(part)) {
      // Only markPlainBindings makes these lists: anything else is a rendering fault.
      throw new Error(`Not a part of card text: ${JSON.stringify(part)}`);
    }
    if (typeof part.markdown === 'string') {
      shown += escapeCardMarkdown(bound) + part.markdown;
      bound = '';
    } else {
      bound += textOf(part.plain);
    }
  }
  return shown + escapeCardMarkdown(bound);
}

/** A bound value as text: a missing one as nothing, a number or a list as JSON writes it. */
const textOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : JSON.stringify(value);
