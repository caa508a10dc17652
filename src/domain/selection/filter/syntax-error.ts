import type { FilterSyntaxError } from './filter-node.ts';

const EXCERPT_LENGTH = 24;

/** A stretch of the filter text: where a token starts and ends. */
export interface Span {
  position: number;
  end: number;
}

/**
 * A syntax error whose message says where, as a 1-based character and the text found there,
 * then what was expected: `At character 15 ("Sales"): expected a value in quotes after "eq",
 * like department eq "Sales".` `offset` counts the characters before the filter in the command.
 */
export function syntaxError(
  text: string,
  span: Span,
  offset: number,
  what: { expected: string; detail: string },
): FilterSyntaxError {
  const position = offset + span.position;
  return {
    position,
    expected: what.expected,
    message: `At character ${position + 1} (${where(text, span)}): ${what.detail}${what.detail.endsWith('?') ? '' : '.'}`,
  };
}

function where(text: string, span: Span): string {
  if (span.position < text.length) {
    return quote(text.slice(span.position, span.end));
  }
  const before = text.trimEnd();
  if (before === '') {
    return 'the end';
  }
  const lastWord = /\S+$/u.exec(before)?.[0] as string;
  return `the end, after ${quote(lastWord.slice(-EXCERPT_LENGTH))}`;
}

function quote(excerpt: string): string {
  const short =
    excerpt.length > EXCERPT_LENGTH ? `${excerpt.slice(0, EXCERPT_LENGTH - 1)}…` : excerpt;
  return `"${short}"`;
}
