import { fail, ok, type Result } from '../../errors.ts';
import type { FilterSyntaxError } from './filter-node.ts';
import { syntaxError } from './syntax-error.ts';

/** One unit of a filter as typed, with where it starts and ends (for messages). */
export type FilterToken =
  | { kind: 'word'; text: string; position: number; end: number }
  | { kind: 'quoted'; value: string; position: number; end: number }
  | { kind: '(' | ')' | ','; position: number; end: number }
  | { kind: 'end'; position: number; end: number };

/**
 * Which characters close a quote each opener starts. Teams on phones and Macs turns straight
 * quotes into curly ones, so “Sales” and ‘Sales’ read like "Sales".
 */
const closers: Record<string, string> = {
  '"': '"',
  "'": "'",
  '“': '“”',
  '”': '“”',
  '„': '“”',
  '‘': '‘’',
  '’': '‘’',
};

const PUNCTUATION = new Set(['(', ')', ',']);

function isBreak(ch: string): boolean {
  return /\s/u.test(ch) || PUNCTUATION.has(ch) || closers[ch] !== undefined;
}

/**
 * Splits a filter into words, quoted values and punctuation. A quote doubled inside a value
 * stands for itself (`"say ""hi"""`, `'O''Brien'`). The only failure is an unclosed quote.
 */
export function tokenizeFilter(
  text: string,
  offset: number,
): Result<FilterToken[], FilterSyntaxError> {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/u.test(ch)) {
      i += 1;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as '(' | ')' | ',', position: i, end: i + 1 });
      i += 1;
    } else if (closers[ch] !== undefined) {
      const quoted = readQuoted(text, i);
      if (quoted === undefined) {
        return fail(unclosed(text, i, offset));
      }
      tokens.push(quoted);
      i = quoted.end;
    } else {
      let end = i;
      while (end < text.length && !isBreak(text.charAt(end))) {
        end += 1;
      }
      tokens.push({ kind: 'word', text: text.slice(i, end), position: i, end });
      i = end;
    }
  }
  tokens.push({ kind: 'end', position: text.length, end: text.length });
  return ok(tokens);
}

function readQuoted(text: string, start: number): FilterToken | undefined {
  const closing = closers[text.charAt(start)] as string;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (closing.includes(ch)) {
      if (text.charAt(i + 1) !== ch) {
        return { kind: 'quoted', value, position: start, end: i + 1 };
      }
      i += 1;
    }
    value += ch;
    i += 1;
  }
  return undefined;
}

function unclosed(text: string, position: number, offset: number): FilterSyntaxError {
  return syntaxError(text, { position, end: text.length }, offset, {
    expected: 'a closing quote',
    detail: `expected a closing quote for the value that starts here`,
  });
}
