import { ok, type Result } from '../../errors.ts';
import { FilterCursor } from './filter-cursor.ts';
import type { FilterNode, FilterSyntaxError } from './filter-node.ts';
import { tokenizeFilter } from './filter-tokens.ts';
import {
  parseAnyLicense,
  parseAttributeCondition,
  parseFunctionCall,
  parseHas,
} from './parse-condition.ts';
import { syntaxError } from './syntax-error.ts';

type Parsed = Result<FilterNode, FilterSyntaxError>;

/** Longer filters are refused: Graph's URLs are limited, and so is an admin's patience. */
export const MAX_FILTER_LENGTH = 2000;
/** Parentheses and `not`s nested deeper than this are refused rather than recursed into. */
export const MAX_NESTING = 32;

export interface ParseUserFilterOptions {
  /** Characters before the filter in the admin's message, so errors count from its start. */
  offset?: number;
}

/**
 * Reads the `where` part of a bulk request: comparisons (`department eq "Sales"`,
 * `city in ("Paris", "Lyon")`, `startswith(jobTitle, "Eng")`), license status (`has E5`,
 * `not has E3`, `assignedLicenses/any()`), joined by `and`, `or`, `not` and parentheses, with
 * `not` binding tighter than `and`, and `and` tighter than `or`. Keywords and attribute names
 * are read in any case. A failure says where and what was expected, in plain words.
 */
export function parseUserFilter(text: string, options: ParseUserFilterOptions = {}): Parsed {
  const offset = options.offset ?? 0;
  if (text.length > MAX_FILTER_LENGTH) {
    return {
      ok: false,
      failure: syntaxError(text, { position: MAX_FILTER_LENGTH, end: text.length }, offset, {
        expected: 'a shorter filter',
        detail: `expected a filter of at most ${MAX_FILTER_LENGTH} characters`,
      }),
    };
  }
  const tokens = tokenizeFilter(text, offset);
  if (!tokens.ok) {
    return tokens;
  }
  const cursor = new FilterCursor(text, tokens.value, offset);
  const node = parseOr(cursor, 0);
  if (!node.ok) {
    return node;
  }
  const rest = cursor.peek();
  if (rest.kind === 'end') {
    return node;
  }
  return rest.kind === ')'
    ? cursor.fail('"and", "or" or the end', 'found ")" without a "(" before it')
    : cursor.fail('"and", "or" or the end', 'expected "and", "or" or the end of the filter');
}

function parseOr(cursor: FilterCursor, depth: number): Parsed {
  let left = parseAnd(cursor, depth);
  while (left.ok && cursor.isWord('or')) {
    cursor.next();
    const right = parseAnd(cursor, depth);
    left = right.ok ? ok({ kind: 'or', left: left.value, right: right.value }) : right;
  }
  return left;
}

function parseAnd(cursor: FilterCursor, depth: number): Parsed {
  let left = parseUnary(cursor, depth);
  while (left.ok && cursor.isWord('and')) {
    cursor.next();
    const right = parseUnary(cursor, depth);
    left = right.ok ? ok({ kind: 'and', left: left.value, right: right.value }) : right;
  }
  return left;
}

function parseUnary(cursor: FilterCursor, depth: number): Parsed {
  if (depth > MAX_NESTING) {
    return cursor.fail(
      'fewer nested conditions',
      `expected at most ${MAX_NESTING} parentheses or "not"s inside each other`,
    );
  }
  if (cursor.isWord('not')) {
    cursor.next();
    const operand = parseUnary(cursor, depth + 1);
    return operand.ok ? ok({ kind: 'not', operand: operand.value }) : operand;
  }
  return parsePrimary(cursor, depth);
}

function parsePrimary(cursor: FilterCursor, depth: number): Parsed {
  const token = cursor.peek();
  if (token.kind === '(') {
    cursor.next();
    const inner = parseOr(cursor, depth + 1);
    if (!inner.ok) {
      return inner;
    }
    if (!cursor.is(')')) {
      return cursor.fail(
        '")"',
        `expected ")" to close the "(" at character ${cursor.characterOf(token)}`,
      );
    }
    cursor.next();
    return inner;
  }
  const word = token.kind === 'word' ? token.text.toLowerCase() : '';
  switch (word) {
    case 'has':
      return parseHas(cursor);
    case 'assignedlicenses/any':
      return parseAnyLicense(cursor);
    case 'startswith':
      return parseFunctionCall(cursor, 'startsWith');
    case 'endswith':
      return parseFunctionCall(cursor, 'endsWith');
    default:
      return parseAttributeCondition(cursor);
  }
}
