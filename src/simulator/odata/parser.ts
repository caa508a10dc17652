import type { ComparisonOperator, FilterExpression, Literal, PropertyPath } from './ast.ts';
import { syntaxError } from './errors.ts';
import { describeToken, tokenize, type Token } from './tokenizer.ts';

const COMPARISONS: readonly ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS: Record<string, 'startsWith' | 'endsWith'> = {
  startswith: 'startsWith',
  endswith: 'endsWith',
};

/**
 * Parses a `$filter` by recursive descent, with OData's precedence: `not` binds tighter than
 * `and`, which binds tighter than `or`. Keywords and function names are matched
 * case-insensitively because Graph accepts `NOT`, `OR`, `startsWith` and `startswith` alike.
 */
export function parseFilter(text: string): FilterExpression {
  const parser = new FilterParser(text, tokenize(text));
  return parser.parse();
}

class FilterParser {
  readonly #text: string;
  readonly #tokens: Token[];
  #index = 0;

  constructor(text: string, tokens: Token[]) {
    this.#text = text;
    this.#tokens = tokens;
  }

  parse(): FilterExpression {
    if (this.#peek().kind === 'end') {
      throw syntaxError(this.#text, 0, 'The filter is empty.');
    }
    const expression = this.#parseOr();
    const next = this.#peek();
    if (next.kind !== 'end') {
      throw syntaxError(this.#text, next.position, `Unexpected ${describeToken(next)}.`);
    }
    return expression;
  }

  #parseOr(): FilterExpression {
    let left = this.#parseAnd();
    while (this.#isKeyword('or')) {
      this.#index += 1;
      left = { kind: 'or', left, right: this.#parseAnd() };
    }
    return left;
  }

  #parseAnd(): FilterExpression {
    let left = this.#parseUnary();
    while (this.#isKeyword('and')) {
      this.#index += 1;
      left = { kind: 'and', left, right: this.#parseUnary() };
    }
    return left;
  }

  #parseUnary(): FilterExpression {
    if (this.#isKeyword('not')) {
      const position = this.#next().position;
      const next = this.#peek();
      if (next.kind === 'identifier' && !this.#isFunctionCall()) {
        const operand = this.#parsePathExpression();
        if (operand.kind === 'compare' || operand.kind === 'in' || operand.kind === 'count') {
          const counted = operand.kind === 'count';
          return { kind: 'negatedOperand', path: operand.path, counted, position };
        }
        return { kind: 'not', operand, position };
      }
      return { kind: 'not', operand: this.#parseUnary(), position };
    }
    return this.#parsePrimary();
  }

  #parsePrimary(): FilterExpression {
    const token = this.#peek();
    if (token.kind === 'punctuation' && token.text === '(') {
      this.#index += 1;
      const inner = this.#parseOr();
      this.#expectPunctuation(')');
      return inner;
    }
    if (token.kind !== 'identifier') {
      throw syntaxError(
        this.#text,
        token.position,
        `Expected a property, a function or '(' but found ${describeToken(token)}.`,
      );
    }
    const functionName = FUNCTIONS[token.text.toLowerCase()];
    if (functionName !== undefined && this.#isFunctionCall()) {
      return this.#parseFunction(functionName);
    }
    return this.#parsePathExpression();
  }

  #isFunctionCall(): boolean {
    const name = this.#peek();
    const after = this.#peekAt(1);
    return (
      name.kind === 'identifier' &&
      FUNCTIONS[name.text.toLowerCase()] !== undefined &&
      after.kind === 'punctuation' &&
      after.text === '('
    );
  }

  #parseFunction(name: 'startsWith' | 'endsWith'): FilterExpression {
    this.#index += 1;
    this.#expectPunctuation('(');
    const path = this.#parsePath();
    this.#expectPunctuation(',');
    const value = this.#parseLiteral();
    this.#expectPunctuation(')');
    return { kind: 'function', name, path, value };
  }

  /** `path op literal`, `path in (…)`, `path/any(x: …)` or `path/$count op n`. */
  #parsePathExpression(): FilterExpression {
    const path = this.#parsePath();
    const last = path.segments.at(-1);
    if (last === '$count') {
      const counted = { segments: path.segments.slice(0, -1), position: path.position };
      const operator = this.#parseComparisonOperator();
      return { kind: 'count', path: counted, operator, value: this.#parseLiteral() };
    }
    if ((last === 'any' || last === 'all') && this.#isPunctuation('(')) {
      return this.#parseLambda(path, last);
    }
    if (this.#isKeyword('in')) {
      this.#index += 1;
      return { kind: 'in', path, values: this.#parseLiteralList() };
    }
    const operator = this.#parseComparisonOperator();
    return { kind: 'compare', operator, path, value: this.#parseLiteral() };
  }

  #parseLambda(path: PropertyPath, operator: 'any' | 'all'): FilterExpression {
    const operatorPosition = this.#tokens[this.#index - 1]?.position ?? path.position;
    if (operator === 'all') {
      throw syntaxError(
        this.#text,
        operatorPosition,
        "The lambda operator 'all' is not supported.",
      );
    }
    this.#expectPunctuation('(');
    const collection = { segments: path.segments.slice(0, -1), position: path.position };
    if (this.#isPunctuation(')')) {
      // `assignedLicenses/any()`: OData's lambda without a body, true for a non-empty collection.
      this.#index += 1;
      return { kind: 'any', path: collection, variable: null, body: null };
    }
    const variable = this.#next();
    if (variable.kind !== 'identifier') {
      throw syntaxError(
        this.#text,
        variable.position,
        `Expected a lambda variable but found ${describeToken(variable)}.`,
      );
    }
    this.#expectPunctuation(':');
    const body = this.#parseOr();
    this.#expectPunctuation(')');
    return { kind: 'any', path: collection, variable: variable.text, body };
  }

  #parsePath(): PropertyPath {
    const first = this.#next();
    if (first.kind !== 'identifier') {
      throw syntaxError(
        this.#text,
        first.position,
        `Expected a property but found ${describeToken(first)}.`,
      );
    }
    const segments = [first.text];
    while (this.#isPunctuation('/')) {
      this.#index += 1;
      const segment = this.#next();
      if (segment.kind !== 'identifier') {
        throw syntaxError(
          this.#text,
          segment.position,
          `Expected a property name after '/' but found ${describeToken(segment)}.`,
        );
      }
      segments.push(segment.text);
    }
    return { segments, position: first.position };
  }

  #parseComparisonOperator(): ComparisonOperator {
    const token = this.#next();
    const operator = token.kind === 'identifier' ? token.text.toLowerCase() : '';
    const known = COMPARISONS.find((candidate) => candidate === operator);
    if (known === undefined) {
      throw syntaxError(
        this.#text,
        token.position,
        `Expected an operator (eq, ne, ge, le, in) but found ${describeToken(token)}.`,
      );
    }
    return known;
  }

  #parseLiteralList(): Literal[] {
    this.#expectPunctuation('(');
    const values = [this.#parseLiteral()];
    while (this.#isPunctuation(',')) {
      this.#index += 1;
      values.push(this.#parseLiteral());
    }
    this.#expectPunctuation(')');
    return values;
  }

  #parseLiteral(): Literal {
    const token = this.#next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'guid':
        return { kind: 'guid', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'dateTime':
        return { kind: 'dateTime', value: token.value };
      case 'identifier':
        // OData literals are case-sensitive: `True` is not a boolean.
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'boolean', value: token.text === 'true' };
        }
        if (token.text === 'null') {
          return { kind: 'null' };
        }
        break;
      default:
        break;
    }
    throw syntaxError(
      this.#text,
      token.position,
      `Expected a literal value (a quoted string, a number, a GUID, a date, true, false or null) but found ${describeToken(token)}.`,
    );
  }

  #expectPunctuation(text: '(' | ')' | ',' | ':'): void {
    const token = this.#next();
    if (token.kind !== 'punctuation' || token.text !== text) {
      throw syntaxError(
        this.#text,
        token.position,
        `'${text}' expected but found ${describeToken(token)}.`,
      );
    }
  }

  #isKeyword(keyword: string): boolean {
    const token = this.#peek();
    return token.kind === 'identifier' && token.text.toLowerCase() === keyword;
  }

  #isPunctuation(text: string): boolean {
    const token = this.#peek();
    return token.kind === 'punctuation' && token.text === text;
  }

  #peek(): Token {
    return this.#peekAt(0);
  }

  #peekAt(offset: number): Token {
    const token = this.#tokens[Math.min(this.#index + offset, this.#tokens.length - 1)];
    if (token === undefined) {
      throw new Error('The tokenizer always ends with an end token.');
    }
    return token;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') {
      this.#index += 1;
    }
    return token;
  }
}
