import type { Result } from '../errors.ts';
import { parseRuleCondition } from './parse-rule-condition.ts';
import { parseExpression } from './rule-expression.ts';
import { RuleCursor } from './rule-cursor.ts';
import type { RuleNode, RuleSyntaxError } from './rule-node.ts';
import { ruleSyntaxError } from './rule-syntax-error.ts';
import { tokenizeRule } from './rule-tokens.ts';

type Parsed<N> = Result<N, RuleSyntaxError>;

/** Entra refuses a rule body longer than this. */
export const MAX_RULE_LENGTH = 3072;
/**
 * Reads an Entra dynamic membership rule: `user.<property> <operator> <value>` conditions joined
 * by `-and`, `-or`, `-not` and parentheses (`-not` binds tighter than `-and`, `-and` tighter than
 * `-or`), and `-any`/`-all` over `user.assignedPlans` and `user.proxyAddresses`. Operator words
 * are read in any case, with or without their hyphen, as Entra reads them; property names as
 * written, as Entra does. A failure says at which character and what was expected.
 */
export function parseRule(text: string): Parsed<RuleNode> {
  if (text.length > MAX_RULE_LENGTH) {
    return {
      ok: false,
      failure: ruleSyntaxError(
        text,
        { position: MAX_RULE_LENGTH, end: text.length },
        {
          expected: 'a shorter rule',
          detail: `expected a rule of at most 3,072 characters, as Entra allows; this one has ${text.length.toLocaleString('en-US')}`,
        },
      ),
    };
  }
  const tokens = tokenizeRule(text);
  if (!tokens.ok) {
    return tokens;
  }
  const cursor = new RuleCursor(text, tokens.value);
  if (cursor.is('end')) {
    return cursor.fail('a condition', 'expected a condition, like user.department -eq "Sales"');
  }
  const node = parseExpression<RuleNode>(cursor, 0, parseRuleCondition);
  if (!node.ok) {
    return node;
  }
  if (cursor.is('end')) {
    return node;
  }
  return cursor.is(')')
    ? cursor.fail('"-and", "-or" or the end', 'found ")" without a "(" before it')
    : cursor.fail(
        '"-and", "-or" or the end',
        'expected -and, -or or the end of the rule after a condition',
      );
}
