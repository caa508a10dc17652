import { fail, ok, type Result } from '../errors.ts';
import type { RuleSyntaxError } from './rule-node.ts';
import { ruleSyntaxError } from './rule-syntax-error.ts';

/** One unit of a rule as typed, with where it starts and ends (for messages and the marker). */
export type RuleToken =
  | { kind: 'word'; text: string; position: number; end: number }
  | { kind: 'quoted'; value: string; position: number; end: number }
  | { kind: '(' | ')' | '[' | ']' | ','; position: number; end: number }
  | { kind: 'end'; position: number; end: number };

type Punctuation = '(' | ')' | '[' | ']' | ',';
const PUNCTUATION = new Set<string>(['(', ')', '[', ']', ',']);

/**
 * Each quote that opens a value, the characters that close it, and how a closing character is
 * written inside the value. Entra's own: `"…"` with `` `" `` for a double quote, `'…'` with `''`
 * for a single one. Teams on phones and Macs turns straight quotes into curly ones, so those
 * read like the straight ones.
 */
const quotes: Record<string, { closers: string; escape: 'backtick' | 'double' }> = {
  '"': { closers: '"', escape: 'backtick' },
  '“': { closers: '“”', escape: 'backtick' },
  '”': { closers: '“”', escape: 'backtick' },
  '„': { closers: '“”', escape: 'backtick' },
  "'": { closers: "'", escape: 'double' },
  '‘': { closers: '‘’', escape: 'double' },
  '’': { closers: '‘’', escape: 'double' },
};

function isBreak(ch: string): boolean {
  return /\s/u.test(ch) || PUNCTUATION.has(ch) || quotes[ch] !== undefined;
}

/** Splits a rule into words, quoted values and punctuation; the only failure is an open quote. */
export function tokenizeRule(text: string): Result<RuleToken[], RuleSyntaxError> {
  const tokens: RuleToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/u.test(ch)) {
      i += 1;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as Punctuation, position: i, end: i + 1 });
      i += 1;
    } else if (quotes[ch] !== undefined) {
      const quoted = readQuoted(text, i);
      if (quoted === undefined) {
        return fail(
          ruleSyntaxError(
            text,
            { position: i, end: text.length },
            {
              expected: 'a closing quote',
              detail: 'expected a closing quote for the value that starts here',
            },
          ),
        );
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

function readQuoted(text: string, start: number): RuleToken | undefined {
  const quote = quotes[text.charAt(start)] as { closers: string; escape: 'backtick' | 'double' };
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quote.escape === 'backtick' && ch === '`' && quote.closers.includes(next)) {
      value += next;
      i += 2;
      continue;
    }
    if (quote.closers.includes(ch)) {
      if (quote.escape === 'backtick' || next !== ch) {
        return { kind: 'quoted', value, position: start, end: i + 1 };
      }
      i += 1;
    }
    value += ch;
    i += 1;
  }
  return undefined;
}

/** A word as a keyword: lower case, a typographic dash (Teams' autocorrect) read as `-`. */
export function keywordOf(token: RuleToken): string {
  return token.kind === 'word' ? token.text.toLowerCase().replace(/^[–—−]/u, '-') : '';
}
