import { ok, type Result } from '../../errors.ts';
import { closestAttribute, findAttribute, type UserAttribute } from './attributes.ts';
import { KEYWORDS, type FilterCursor } from './filter-cursor.ts';
import type { FilterNode, FilterSyntaxError } from './filter-node.ts';
import type { FilterToken } from './filter-tokens.ts';

type Parsed<T = FilterNode> = Result<T, FilterSyntaxError>;

const CONTROL = /\p{Cc}/u;

/** `has E5`, `has Microsoft 365 E5`, `has "Microsoft 365 E5"`: words run to and/or/`)`/end. */
export function parseHas(cursor: FilterCursor): Parsed {
  const has = cursor.next();
  const first = cursor.peek();
  if (first.kind === 'quoted') {
    cursor.next();
    return first.value.trim() === ''
      ? cursor.fail('a license name', 'expected a license name inside the quotes', first)
      : ok({ kind: 'has', sku: first.value });
  }
  const words: string[] = [];
  for (let token = cursor.peek(); isLicenseWord(token); token = cursor.peek()) {
    words.push(token.text);
    cursor.next();
  }
  if (words.length === 0) {
    return cursor.fail(
      'a license name',
      `expected a license name after "${cursor.textOf(has)}", like has E5 or has "Microsoft 365 E5"`,
    );
  }
  return ok({ kind: 'has', sku: words.join(' ') });
}

function isLicenseWord(token: FilterToken): token is Extract<FilterToken, { kind: 'word' }> {
  return (
    token.kind === 'word' && token.text.toLowerCase() !== 'and' && token.text.toLowerCase() !== 'or'
  );
}

/** `assignedLicenses/any()`: the user holds some license. */
export function parseAnyLicense(cursor: FilterCursor): Parsed {
  cursor.next();
  if (!cursor.is('(') || cursor.peekNext().kind !== ')') {
    return cursor.fail(
      '"()"',
      'expected "()" after assignedLicenses/any, like assignedLicenses/any()',
    );
  }
  cursor.next();
  cursor.next();
  return ok({ kind: 'hasAnyLicense' });
}

/** `startswith(department, "Sa")` and `endswith(mail, "@contoso.com")`. */
export function parseFunctionCall(cursor: FilterCursor, kind: 'startsWith' | 'endsWith'): Parsed {
  const name = kind.toLowerCase();
  const example = `${name}(department, "Sa")`;
  cursor.next();
  if (!cursor.is('(')) {
    return cursor.fail('"("', `expected "(" after ${name}, like ${example}`);
  }
  cursor.next();
  const attributeToken = cursor.peek();
  const attribute = parseAttribute(cursor, `an attribute inside ${name}(…), like ${example}`);
  if (!attribute.ok) {
    return attribute;
  }
  if (attribute.value.type !== 'string') {
    return cursor.fail(
      'a text attribute',
      `expected a text attribute: ${name} does not work on ${attribute.value.name}`,
      attributeToken,
    );
  }
  if (!cursor.is(',')) {
    return cursor.fail('","', `expected "," after the attribute, like ${example}`);
  }
  cursor.next();
  const value = parseQuoted(
    cursor,
    attribute.value,
    `after ","`,
    `${name}(${attribute.value.name}, "${attribute.value.example}")`,
  );
  if (!value.ok) {
    return value;
  }
  if (!cursor.is(')')) {
    return cursor.fail('")"', `expected ")" after the value, like ${example}`);
  }
  cursor.next();
  return ok({ kind, attribute: attribute.value.name, value: value.value });
}

/** `department eq "Sales"`, `accountEnabled ne true`, `city in ("Paris", "Lyon")`. */
export function parseAttributeCondition(cursor: FilterCursor): Parsed {
  const attribute = parseAttribute(cursor, 'a condition, like department eq "Sales"');
  if (!attribute.ok) {
    return attribute;
  }
  const a = attribute.value;
  const operator = cursor.peek();
  const word = operator.kind === 'word' ? operator.text.toLowerCase() : '';
  if (word === 'eq' || word === 'ne') {
    cursor.next();
    return a.type === 'boolean'
      ? parseBoolean(cursor, a, word)
      : mapValue(
          parseQuoted(cursor, a, `after "${word}"`, `${a.name} ${word} "${a.example}"`),
          (value) => ({
            kind: 'compare',
            attribute: a.name,
            operator: word,
            value: { kind: 'string', value },
          }),
        );
  }
  if (word === 'in' && a.type === 'string') {
    cursor.next();
    return parseList(cursor, a);
  }
  return a.type === 'boolean'
    ? cursor.fail('"eq" or "ne"', `expected eq or ne after ${a.name}, like ${a.name} eq true`)
    : cursor.fail(
        '"eq", "ne" or "in"',
        `expected eq, ne or in after ${a.name}, like ${a.name} eq "${a.example}"`,
      );
}

function parseAttribute(cursor: FilterCursor, expected: string): Parsed<UserAttribute> {
  const token = cursor.peek();
  const known = token.kind === 'word' ? findAttribute(token.text) : undefined;
  if (known !== undefined) {
    cursor.next();
    return ok(known);
  }
  if (token.kind !== 'word' || KEYWORDS.has(token.text.toLowerCase())) {
    return cursor.fail('a user attribute', `expected ${expected}`);
  }
  const suggestion = closestAttribute(token.text);
  const hint =
    suggestion === undefined
      ? 'attributes include department, jobTitle, usageLocation, city, country and extensionAttribute1 to 15'
      : `did you mean ${suggestion}?`;
  return cursor.fail('a user attribute', `"${token.text}" is not a user attribute; ${hint}`);
}

function parseBoolean(cursor: FilterCursor, a: UserAttribute, operator: string): Parsed {
  const token = cursor.next();
  const text = token.kind === 'word' ? token.text : token.kind === 'quoted' ? token.value : '';
  const lower = text.trim().toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    return cursor.fail(
      'true or false',
      `expected true or false after "${operator}", like ${a.name} ${operator} false`,
      token,
    );
  }
  return ok({
    kind: 'compare',
    attribute: a.name,
    operator: operator as 'eq' | 'ne',
    value: { kind: 'boolean', value: lower === 'true' },
  });
}

function parseList(cursor: FilterCursor, a: UserAttribute): Parsed {
  const example = `${a.name} in ("${a.example}", "…")`;
  if (!cursor.is('(')) {
    return cursor.fail('"("', `expected "(" after "in", like ${example}`);
  }
  cursor.next();
  const values: string[] = [];
  for (;;) {
    const value = parseQuoted(cursor, a, values.length === 0 ? 'after "("' : 'after ","', example);
    if (!value.ok) {
      return value;
    }
    values.push(value.value);
    const separator = cursor.next();
    if (separator.kind === ')') {
      return ok({ kind: 'in', attribute: a.name, values });
    }
    if (separator.kind !== ',') {
      return cursor.fail(
        '"," or ")"',
        `expected "," or ")" after a value, like ${example}`,
        separator,
      );
    }
  }
}

/** A quoted, non-empty value without line breaks or other control characters. */
function parseQuoted(
  cursor: FilterCursor,
  a: UserAttribute,
  after: string,
  example: string,
): Parsed<string> {
  const token = cursor.next();
  if (token.kind !== 'quoted') {
    const typed =
      token.kind === 'word' && !KEYWORDS.has(token.text.toLowerCase())
        ? example.replace(`"${a.example}"`, `"${token.text}"`)
        : example;
    return cursor.fail(
      'a value in quotes',
      `expected a value in quotes ${after}, like ${typed}`,
      token,
    );
  }
  if (token.value === '') {
    return cursor.fail('a value', `expected a value inside the quotes, like ${example}`, token);
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

function mapValue<T>(parsed: Parsed<T>, build: (value: T) => FilterNode): Parsed {
  return parsed.ok ? ok(build(parsed.value)) : parsed;
}
