import { ok, type Result } from '../errors.ts';
import type { RuleCursor } from './rule-cursor.ts';
import type { RuleSyntaxError } from './rule-node.ts';

type Parsed<N> = Result<N, RuleSyntaxError>;
type Binary<N> = { kind: 'and' | 'or'; left: N; right: N } | { kind: 'not'; operand: N };

/** Parentheses and `-not`s nested deeper than this are refused rather than recursed into. */
export const MAX_RULE_NESTING = 32;

/** Reads one condition where the rule (or an `-any (…)` inside it) expects one. */
export type ConditionReader<N> = (cursor: RuleCursor, depth: number) => Parsed<N>;

/** `-or` of `-and`s of (`-not`) conditions, over whatever `leaf` reads. */
export function parseExpression<N>(
  cursor: RuleCursor,
  depth: number,
  leaf: ConditionReader<N>,
): Parsed<N> {
  let left = parseAnd(cursor, depth, leaf);
  while (left.ok && cursor.isKeyword('or')) {
    cursor.next();
    const right = parseAnd(cursor, depth, leaf);
    left = right.ok ? ok(binary<N>('or', left.value, right.value)) : right;
  }
  return left;
}

function parseAnd<N>(cursor: RuleCursor, depth: number, leaf: ConditionReader<N>): Parsed<N> {
  let left = parseUnary(cursor, depth, leaf);
  while (left.ok && cursor.isKeyword('and')) {
    cursor.next();
    const right = parseUnary(cursor, depth, leaf);
    left = right.ok ? ok(binary<N>('and', left.value, right.value)) : right;
  }
  return left;
}

function parseUnary<N>(cursor: RuleCursor, depth: number, leaf: ConditionReader<N>): Parsed<N> {
  if (depth > MAX_RULE_NESTING) {
    return cursor.fail(
      'fewer nested conditions',
      `expected at most ${MAX_RULE_NESTING} parentheses or -not's inside each other`,
    );
  }
  if (cursor.isKeyword('not')) {
    cursor.next();
    const operand = parseUnary(cursor, depth + 1, leaf);
    return operand.ok ? ok({ kind: 'not', operand: operand.value } as Binary<N> as N) : operand;
  }
  const open = cursor.peek();
  if (open.kind !== '(') {
    return leaf(cursor, depth);
  }
  cursor.next();
  const inner = parseExpression(cursor, depth + 1, leaf);
  if (!inner.ok) {
    return inner;
  }
  if (!cursor.is(')')) {
    return cursor.fail(
      '")"',
      `expected ")" to close the "(" at character ${cursor.characterOf(open)}`,
    );
  }
  cursor.next();
  return inner;
}

function binary<N>(kind: 'and' | 'or', left: N, right: N): N {
  return { kind, left, right } as Binary<N> as N;
}
