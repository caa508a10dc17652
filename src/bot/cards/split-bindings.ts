/** A piece of a card template string: the template's own text, or one `${…}` binding. */
export type TemplatePiece = { text: string } | { binding: string };

/** A card template string that this cutter does not read the way the templating library does. */
export class UnreadableTemplateTextError extends Error {
  override readonly name = 'UnreadableTemplateTextError';
  readonly code = 'UNREADABLE_TEMPLATE_TEXT';
}

/**
 * A template string cut into its own text and its `${…}` bindings, as the templating library's
 * expression lexer reads them: a binding ends at the first `}` outside quotes and object literals.
 * What that lexer would read differently (its `\$` and `` \` `` escapes, a line break or a
 * backtick inside a binding, an unclosed or empty binding) is refused rather than guessed at.
 */
export function splitBindings(template: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let text = '';
  let at = 0;
  while (at < template.length) {
    if (template.startsWith('${', at)) {
      const end = bindingEnd(template, at + 2);
      if (text !== '') {
        pieces.push({ text });
        text = '';
      }
      pieces.push({ binding: template.slice(at, end + 1) });
      at = end + 1;
    } else if (/^\\[$`]/.test(template.slice(at, at + 2))) {
      throw new UnreadableTemplateTextError(`An escape in card template text: ${template}`);
    } else {
      text += template[at];
      at += 1;
    }
  }
  return text === '' ? pieces : [...pieces, { text }];
}

/** Where the binding whose expression starts at `from` closes. */
function bindingEnd(template: string, from: number): number {
  let depth = 0;
  for (let at = from; at < template.length; at++) {
    const char = template[at];
    if (char === "'" || char === '"') {
      at = quoteEnd(template, at);
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}' && depth > 0) {
      depth -= 1;
    } else if (char === '}') {
      if (at === from) {
        break;
      }
      return at;
    } else if (char === '\n' || char === '\r' || char === '`') {
      break;
    }
  }
  throw new UnreadableTemplateTextError(`A binding that does not close: ${template}`);
}

/** Where the quoted string opening at `from` closes; a backslash keeps the next quote in. */
function quoteEnd(template: string, from: number): number {
  const quote = template[from];
  for (let at = from + 1; at < template.length; at++) {
    if (template[at] === '\\') {
      at += 1;
    } else if (template[at] === quote) {
      return at;
    }
  }
  throw new UnreadableTemplateTextError(`A quote that does not close: ${template}`);
}
