/**
 * Entra dynamic membership rules, parsed as Entra reads them: `user.<property> <operator> <value>`
 * joined by `-and`, `-or`, `-not` and parentheses, `-in`/`-notIn` over `["a","b"]`, and `-any` /
 * `-all` over multi-valued properties (`user.assignedPlans -any (assignedPlan.servicePlanId -eq
 * "…")`, `user.proxyAddresses -any (_ -contains "contoso")`). Operators and property names are
 * read in any case; a rule is at most 3,072 characters.
 */

export const MAX_RULE_LENGTH = 3072;

export const COMPARISONS = [
  'eq',
  'ne',
  'startswith',
  'notstartswith',
  'endswith',
  'notendswith',
  'contains',
  'notcontains',
  'match',
  'notmatch',
  'in',
  'notin',
] as const;

export type Comparison = (typeof COMPARISONS)[number];

export type RuleValue =
  { kind: 'string'; value: string } | { kind: 'list'; values: string[] } | { kind: 'null' };

export type RuleNode =
  | { kind: 'and' | 'or'; left: RuleNode; right: RuleNode }
  | { kind: 'not'; operand: RuleNode }
  | {
      kind: 'compare';
      /** `user.department`, `assignedPlan.servicePlanId` or `_`, as written. */
      property: string;
      operator: Comparison;
      value: RuleValue;
      position: number;
    }
  | {
      kind: 'quantified';
      quantifier: 'any' | 'all';
      property: string;
      body: RuleNode;
      position: number;
    };

/** Why a rule is refused, and where (0-based character offset). */
export interface RuleSyntaxError {
  message: string;
  position: number;
}

export type ParsedRule = { ok: true; rule: RuleNode } | { ok: false; error: RuleSyntaxError };

type Token =
  | { kind: 'open' | 'close' | 'openList' | 'closeList' | 'comma' | 'end'; position: number }
  | { kind: 'operator'; name: string; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'word'; value: string; position: number };

class SyntaxFailure extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.position = position;
    this.name = 'SyntaxFailure';
  }
}

const PUNCTUATION: Record<string, Token['kind']> = {
  '(': 'open',
  ')': 'close',
  '[': 'openList',
  ']': 'closeList',
  ',': 'comma',
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const punctuation = PUNCTUATION[char];
    if (punctuation) {
      tokens.push({ kind: punctuation, position: i } as Token);
      i += 1;
      continue;
    }
    if (char === '"' || char === "'") {
      const start = i;
      let value = '';
      i += 1;
      // Entra escapes a quote inside a value with a backtick: `"
      while (i < text.length && text[i] !== char) {
        if (text[i] === '`' && i + 1 < text.length) {
          i += 1;
        }
        value += text[i];
        i += 1;
      }
      if (i >= text.length) {
        throw new SyntaxFailure('Unterminated string value.', start);
      }
      i += 1;
      tokens.push({ kind: 'string', value, position: start });
      continue;
    }
    const start = i;
    while (i < text.length && !/[\s()[\],"']/.test(text[i]!)) {
      i += 1;
    }
    const word = text.slice(start, i);
    if (/^-[A-Za-z]+$/.test(word)) {
      tokens.push({
        kind: 'operator',
        name: word.slice(1).toLowerCase(),
        text: word,
        position: start,
      });
    } else {
      tokens.push({ kind: 'word', value: word, position: start });
    }
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}

const PROPERTY = /^(?:user\.[A-Za-z][A-Za-z0-9_]*|assignedPlan\.[A-Za-z][A-Za-z0-9_]*|_)$/i;

class Parser {
  readonly tokens: Token[];
  #index = 0;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): RuleNode {
    const node = this.#or();
    const next = this.#peek();
    if (next.kind !== 'end') {
      throw new SyntaxFailure(`Unexpected ${describe(next)}.`, next.position);
    }
    return node;
  }

  #peek(): Token {
    return this.tokens[this.#index]!;
  }

  #take(): Token {
    const token = this.tokens[this.#index]!;
    if (token.kind !== 'end') {
      this.#index += 1;
    }
    return token;
  }

  #isOperator(name: string): boolean {
    const token = this.#peek();
    return token.kind === 'operator' && token.name === name;
  }

  #or(): RuleNode {
    let left = this.#and();
    while (this.#isOperator('or')) {
      this.#take();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): RuleNode {
    let left = this.#unary();
    while (this.#isOperator('and')) {
      this.#take();
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #unary(): RuleNode {
    if (this.#isOperator('not')) {
      this.#take();
      return { kind: 'not', operand: this.#unary() };
    }
    return this.#primary();
  }

  #primary(): RuleNode {
    const token = this.#take();
    if (token.kind === 'open') {
      const inner = this.#or();
      const close = this.#take();
      if (close.kind !== 'close') {
        throw new SyntaxFailure(`Expected ")" but found ${describe(close)}.`, close.position);
      }
      return inner;
    }
    if (token.kind !== 'word' || !PROPERTY.test(token.value)) {
      throw new SyntaxFailure(
        `Expected a property such as user.department but found ${describe(token)}.`,
        token.position,
      );
    }
    const operator = this.#take();
    if (operator.kind !== 'operator') {
      throw new SyntaxFailure(
        `Expected an operator after ${token.value} but found ${describe(operator)}.`,
        operator.position,
      );
    }
    if (operator.name === 'any' || operator.name === 'all') {
      const open = this.#take();
      if (open.kind !== 'open') {
        throw new SyntaxFailure(
          `Expected "(" after ${operator.text} but found ${describe(open)}.`,
          open.position,
        );
      }
      const body = this.#or();
      const close = this.#take();
      if (close.kind !== 'close') {
        throw new SyntaxFailure(`Expected ")" but found ${describe(close)}.`, close.position);
      }
      return {
        kind: 'quantified',
        quantifier: operator.name,
        property: token.value,
        body,
        position: token.position,
      };
    }
    if (!(COMPARISONS as readonly string[]).includes(operator.name)) {
      throw new SyntaxFailure(`Unknown operator ${operator.text}.`, operator.position);
    }
    const name = operator.name as Comparison;
    const value = name === 'in' || name === 'notin' ? this.#list(operator) : this.#value();
    return {
      kind: 'compare',
      property: token.value,
      operator: name,
      value,
      position: token.position,
    };
  }

  #value(): RuleValue {
    const token = this.#take();
    if (token.kind === 'string') {
      return { kind: 'string', value: token.value };
    }
    if (token.kind === 'word' && !PROPERTY.test(token.value)) {
      return token.value.toLowerCase() === 'null'
        ? { kind: 'null' }
        : { kind: 'string', value: token.value };
    }
    throw new SyntaxFailure(`Expected a value but found ${describe(token)}.`, token.position);
  }

  #list(operator: Token & { kind: 'operator' }): RuleValue {
    const open = this.#take();
    if (open.kind !== 'openList') {
      throw new SyntaxFailure(
        `Expected a list such as ["a","b"] after ${operator.text} but found ${describe(open)}.`,
        open.position,
      );
    }
    const values: string[] = [];
    for (;;) {
      const item = this.#take();
      if (item.kind === 'closeList' && values.length === 0) {
        return { kind: 'list', values };
      }
      if (item.kind !== 'string' && item.kind !== 'word') {
        throw new SyntaxFailure(
          `Expected a list value but found ${describe(item)}.`,
          item.position,
        );
      }
      values.push(item.value);
      const next = this.#take();
      if (next.kind === 'closeList') {
        return { kind: 'list', values };
      }
      if (next.kind !== 'comma') {
        throw new SyntaxFailure(`Expected "," or "]" but found ${describe(next)}.`, next.position);
      }
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the rule';
    case 'operator':
      return `"${token.text}"`;
    case 'string':
      return `"${token.value}"`;
    case 'word':
      return `"${token.value}"`;
    default:
      return `"${{ open: '(', close: ')', openList: '[', closeList: ']', comma: ',' }[token.kind]}"`;
  }
}

/** Parses a rule, or says what is wrong and where. Semantic checks come with the properties. */
export function parseRule(text: string): ParsedRule {
  if (text.length > MAX_RULE_LENGTH) {
    return {
      ok: false,
      error: {
        message: `The rule is ${text.length} characters long; the limit is ${MAX_RULE_LENGTH}.`,
        position: MAX_RULE_LENGTH,
      },
    };
  }
  try {
    const tokens = tokenize(text);
    if (tokens.length === 1) {
      return { ok: false, error: { message: 'The rule is empty.', position: 0 } };
    }
    return { ok: true, rule: new Parser(tokens).parse() };
  } catch (error: unknown) {
    if (error instanceof SyntaxFailure) {
      return { ok: false, error: { message: error.message, position: error.position } };
    }
    throw error;
  }
}
