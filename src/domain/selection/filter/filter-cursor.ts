import { fail, type Result } from '../../errors.ts';
import type { FilterSyntaxError } from './filter-node.ts';
import type { FilterToken } from './filter-tokens.ts';
import { syntaxError } from './syntax-error.ts';

/** The words that join or negate conditions: never an attribute, a value or a license word. */
export const KEYWORDS = new Set(['and', 'or', 'not']);

/** Reads tokens one by one and words syntax errors at the token it stands on. */
export class FilterCursor {
  readonly #text: string;
  readonly #tokens: readonly FilterToken[];
  readonly #offset: number;
  #index = 0;

  constructor(text: string, tokens: readonly FilterToken[], offset: number) {
    this.#text = text;
    this.#tokens = tokens;
    this.#offset = offset;
  }

  peek(): FilterToken {
    return this.#tokens[this.#index] as FilterToken;
  }

  /** The token after the current one (the end token when there is none). */
  peekNext(): FilterToken {
    return this.#tokens[Math.min(this.#index + 1, this.#tokens.length - 1)] as FilterToken;
  }

  next(): FilterToken {
    const token = this.peek();
    if (token.kind !== 'end') {
      this.#index += 1;
    }
    return token;
  }

  /** Whether the current token is the word `keyword`, in any case. */
  isWord(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  is(kind: FilterToken['kind']): boolean {
    return this.peek().kind === kind;
  }

  /** The text a token covers, as typed (quotes included). */
  textOf(token: FilterToken): string {
    return this.#text.slice(token.position, token.end);
  }

  /** The 1-based character where a token starts, as messages count. */
  characterOf(token: FilterToken): number {
    return this.#offset + token.position + 1;
  }

  /** A failure at `token` (the current one by default). */
  fail(
    expected: string,
    detail: string,
    token: FilterToken = this.peek(),
  ): Result<never, FilterSyntaxError> {
    return fail(syntaxError(this.#text, token, this.#offset, { expected, detail }));
  }
}
