import { fail, type Result } from '../errors.ts';
import type { RuleSyntaxError } from './rule-node.ts';
import { ruleSyntaxError } from './rule-syntax-error.ts';
import { keywordOf, type RuleToken } from './rule-tokens.ts';

/** Reads a rule's tokens one by one and words syntax errors at the token it stands on. */
export class RuleCursor {
  readonly #text: string;
  readonly #tokens: readonly RuleToken[];
  #index = 0;

  constructor(text: string, tokens: readonly RuleToken[]) {
    this.#text = text;
    this.#tokens = tokens;
  }

  peek(): RuleToken {
    return this.#tokens[this.#index] as RuleToken;
  }

  next(): RuleToken {
    const token = this.peek();
    if (token.kind !== 'end') {
      this.#index += 1;
    }
    return token;
  }

  is(kind: RuleToken['kind']): boolean {
    return this.peek().kind === kind;
  }

  /** Whether the current token is one of `keywords` (lower case; `-and` and `and` alike). */
  isKeyword(...keywords: string[]): boolean {
    const word = keywordOf(this.peek()).replace(/^-/u, '');
    return word !== '' && keywords.includes(word);
  }

  /** The 1-based character where a token starts, as messages count. */
  characterOf(token: RuleToken): number {
    return token.position + 1;
  }

  /** A failure at `token` (the current one by default). */
  fail(
    expected: string,
    detail: string,
    token: RuleToken = this.peek(),
  ): Result<never, RuleSyntaxError> {
    return fail(ruleSyntaxError(this.#text, token, { expected, detail }));
  }
}
