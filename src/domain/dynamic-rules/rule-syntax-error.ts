import { syntaxError, type Span } from '../selection/filter/syntax-error.ts';
import type { RuleSyntaxError } from './rule-node.ts';

/**
 * A syntax error worded like the user filter's (`At character 15 ("Sales"): expected …`),
 * counted from the rule's start, with where the faulty part ends for the marker.
 */
export function ruleSyntaxError(
  text: string,
  span: Span,
  what: { expected: string; detail: string },
): RuleSyntaxError {
  return { ...syntaxError(text, span, 0, what), end: Math.max(span.end, span.position) };
}
