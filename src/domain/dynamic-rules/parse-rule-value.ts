import { ok, type Result } from '../errors.ts';
import type { RuleCursor } from './rule-cursor.ts';
import type { RuleOperator, RuleSyntaxError, RuleValue } from './rule-node.ts';
import { keywordOf, type RuleToken } from './rule-tokens.ts';

type Parsed<N> = Result<N, RuleSyntaxError>;

const CONTROL = /\p{Cc}/u;

/** An operator as read, with the token it was read from. */
export interface ReadOperator {
  name: RuleOperator;
  token: RuleToken;
}

/**
 * The value after an operator: `true`/`false` for a boolean property, `null` after `-eq`/`-ne`,
 * a `[…]` list after `-in`/`-notIn`, quoted text otherwise; `-match` text must be a regular
 * expression.
 */
export function parseRuleValue(
  cursor: RuleCursor,
  operator: ReadOperator,
  what: { boolean: boolean; example: string },
): Parsed<RuleValue> {
  const token = cursor.peek();
  const word = keywordOf(token);
  const name = operator.name;
  if (word === 'null' || word === '$null') {
    if (name !== 'eq' && name !== 'ne') {
      return cursor.fail(
        'a value in quotes',
        `expected a value in quotes: null works with -eq and -ne only`,
      );
    }
    cursor.next();
    return ok({ kind: 'null' });
  }
  if (what.boolean) {
    const text = token.kind === 'quoted' ? token.value.trim().toLowerCase() : word;
    if (text !== 'true' && text !== 'false') {
      return cursor.fail('true or false', `expected true, false or null after -${name}`);
    }
    cursor.next();
    return ok({ kind: 'boolean', value: text === 'true' });
  }
  if (name === 'in' || name === 'notIn') {
    return parseList(cursor, name, what.example);
  }
  if (token.kind === '[') {
    return cursor.fail(
      'a value in quotes',
      `expected one value after -${name}: a list in brackets goes with -in or -notIn`,
    );
  }
  const text = parseText(cursor, `after -${name}`, what.example);
  if (!text.ok) {
    return text;
  }
  if ((name === 'match' || name === 'notMatch') && !isRegularExpression(text.value)) {
    return cursor.fail(
      'a regular expression',
      `expected a regular expression after -${name}: this one cannot be read (check brackets and backslashes)`,
      token,
    );
  }
  return ok({ kind: 'string', value: text.value });
}

function parseList(cursor: RuleCursor, name: 'in' | 'notIn', example: string): Parsed<RuleValue> {
  const listExample = example.replace(/"([^"]*)"$/u, '["$1", "…"]');
  if (!cursor.is('[')) {
    return cursor.fail('"["', `expected a list in brackets after -${name}, like ${listExample}`);
  }
  cursor.next();
  const values: string[] = [];
  if (cursor.is(']')) {
    return cursor.fail(
      'a value in quotes',
      `expected at least one value in the list, like ${listExample}`,
    );
  }
  for (;;) {
    const value = parseText(cursor, values.length === 0 ? 'after "["' : 'after ","', listExample);
    if (!value.ok) {
      return value;
    }
    values.push(value.value);
    const separator = cursor.next();
    if (separator.kind === ']') {
      return ok({ kind: 'list', values });
    }
    if (separator.kind !== ',') {
      return cursor.fail(
        '"," or "]"',
        `expected "," or "]" after a value, like ${listExample}`,
        separator,
      );
    }
  }
}

/** Quoted text on one line. */
function parseText(cursor: RuleCursor, after: string, example: string): Parsed<string> {
  const token = cursor.next();
  if (token.kind !== 'quoted') {
    const typed =
      token.kind === 'word' && !/^-/u.test(token.text)
        ? example.replace(/"[^"]*"(?!.*")/u, `"${token.text}"`)
        : example;
    return cursor.fail(
      'a value in quotes',
      `expected a value in quotes ${after}, like ${typed}`,
      token,
    );
  }
  if (CONTROL.test(token.value)) {
    return cursor.fail(
      'a value on one line',
      'expected a value without line breaks or control characters',
      token,
    );
  }
  return ok(token.value);
}

function isRegularExpression(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
