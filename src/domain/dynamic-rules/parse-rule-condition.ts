import { ok, type Result } from '../errors.ts';
import { closestMatch } from '../text/closest.ts';
import { parseExpression } from './rule-expression.ts';
import { parseRuleValue, type ReadOperator } from './parse-rule-value.ts';
import type { RuleCursor } from './rule-cursor.ts';
import {
  ruleOperators,
  type ItemField,
  type ItemNode,
  type RuleNode,
  type RuleOperator,
  type RuleSyntaxError,
} from './rule-node.ts';
import {
  lookUpProperty,
  ruleProperties,
  type CollectionPropertyName,
  type RuleProperty,
  type ScalarPropertyName,
} from './rule-properties.ts';
import { keywordOf, type RuleToken } from './rule-tokens.ts';

type Parsed<N> = Result<N, RuleSyntaxError>;

const EXAMPLE = 'user.department -eq "Sales"';
const operatorsByLower = new Map<string, RuleOperator>(
  ruleOperators.map((operator) => [operator.toLowerCase(), operator]),
);
const operatorList = ruleOperators.map((operator) => `-${operator}`);

/** `user.<property> <operator> <value>`, or `user.<collection> -any|-all (…)`. */
export function parseRuleCondition(cursor: RuleCursor, depth: number): Parsed<RuleNode> {
  const token = cursor.peek();
  const word = token.kind === 'word' ? token.text : '';
  if (!word.startsWith('user.')) {
    return notACondition(cursor, token, word);
  }
  const name = word.slice('user.'.length);
  const found = lookUpProperty(name);
  if (found.kind !== 'found') {
    return cursor.fail('a user property', propertyProblem(name, found));
  }
  cursor.next();
  const property = found.property;
  if (property.type === 'collection') {
    return parseQuantified(cursor, depth, property.name as CollectionPropertyName);
  }
  const operator = parseOperator(cursor, `user.${property.name}`, property);
  if (!operator.ok) {
    return operator;
  }
  const value = parseRuleValue(cursor, operator.value, {
    boolean: property.type === 'boolean',
    example: `user.${property.name} -${operator.value.name} "${property.example}"`,
  });
  return value.ok
    ? ok({
        kind: 'compare',
        property: property.name as ScalarPropertyName,
        operator: operator.value.name,
        value: value.value,
      })
    : value;
}

function notACondition(cursor: RuleCursor, token: RuleToken, word: string): Parsed<never> {
  const lower = word.toLowerCase();
  if (lower.startsWith('device.')) {
    return cursor.fail(
      'a user property',
      'expected a condition on users: previews read user rules, like user.department -eq "Sales"',
    );
  }
  if (lower === 'direct') {
    return cursor.fail(
      'a user property',
      'expected a condition on user properties: "Direct Reports for" rules cannot be previewed',
    );
  }
  if (lower.startsWith('user.')) {
    return cursor.fail('"user."', `expected "user." in lower case, like user.${word.slice(5)}`);
  }
  if (token.kind === 'word' && lookUpProperty(word).kind === 'found') {
    return cursor.fail('"user."', `expected user.${word}: a property starts with "user."`);
  }
  return cursor.fail('a condition', `expected a condition, like ${EXAMPLE}`);
}

function propertyProblem(
  name: string,
  found: Exclude<ReturnType<typeof lookUpProperty>, { kind: 'found' }>,
): string {
  switch (found.kind) {
    case 'wrongCase':
      return `expected user.${found.property.name}: Entra reads property names exactly as written`;
    case 'notPreviewed':
      return `user.${name} is an Entra property previews do not read; they read ${previewed()}`;
    case 'unknown':
      return found.suggestion === undefined
        ? `"${name}" is not a user property; properties include ${previewed()}`
        : `"${name}" is not a user property; did you mean user.${found.suggestion}?`;
  }
}

function previewed(): string {
  const names = ruleProperties
    .filter((property) => !property.name.startsWith('extensionAttribute'))
    .map((property) => property.name);
  return `${names.join(', ')} and extensionAttribute1 to 15`;
}

/** `-any (…)` or `-all (…)` after a collection. */
function parseQuantified(
  cursor: RuleCursor,
  depth: number,
  property: CollectionPropertyName,
): Parsed<RuleNode> {
  const example =
    property === 'assignedPlans'
      ? 'user.assignedPlans -any (assignedPlan.capabilityStatus -eq "Enabled")'
      : 'user.proxyAddresses -any (_ -startsWith "smtp:")';
  if (!cursor.isKeyword('any', 'all')) {
    return cursor.fail(
      '-any or -all',
      `expected -any or -all after user.${property}, which holds several values, like ${example}`,
    );
  }
  const quantifier = keywordOf(cursor.next()).replace(/^-/u, '') as 'any' | 'all';
  const leaf = (inner: RuleCursor) => parseItemCondition(inner, property, example);
  // Entra takes the item condition in parentheses, or a single one without.
  const open = cursor.peek();
  if (open.kind !== '(') {
    const single = leaf(cursor);
    return single.ok
      ? ok({ kind: 'collection', property, quantifier, condition: single.value })
      : single;
  }
  cursor.next();
  const condition = parseExpression<ItemNode>(cursor, depth + 1, leaf);
  if (condition.ok && !cursor.is(')')) {
    return cursor.fail(
      '")"',
      `expected ")" to close the "(" of -${quantifier} at character ${cursor.characterOf(open)}`,
    );
  }
  cursor.next();
  return condition.ok
    ? ok({ kind: 'collection', property, quantifier, condition: condition.value })
    : condition;
}

const planFields: readonly ItemField[] = ['servicePlanId', 'capabilityStatus', 'service'];

/** `assignedPlan.<field> <operator> <value>`, or `_ <operator> <value>` for proxy addresses. */
function parseItemCondition(
  cursor: RuleCursor,
  property: CollectionPropertyName,
  example: string,
): Parsed<ItemNode> {
  const token = cursor.peek();
  const word = token.kind === 'word' ? token.text : '';
  let field: ItemField | undefined;
  if (property === 'proxyAddresses') {
    field = word === '_' ? '_' : undefined;
  } else if (word.startsWith('assignedPlan.')) {
    const name = word.slice('assignedPlan.'.length);
    field = planFields.find((candidate) => candidate === name);
    if (field === undefined) {
      const near = closestMatch(name, planFields) ?? 'servicePlanId';
      return cursor.fail(
        'an assigned plan field',
        `"${name}" is not a field of an assigned plan; did you mean assignedPlan.${near}?`,
      );
    }
  }
  if (field === undefined) {
    const what =
      property === 'proxyAddresses'
        ? '"_" (each address)'
        : 'assignedPlan.servicePlanId, assignedPlan.capabilityStatus or assignedPlan.service';
    return cursor.fail(
      property === 'proxyAddresses' ? '"_"' : 'an assigned plan field',
      `expected ${what} inside -any or -all, like ${example}`,
    );
  }
  cursor.next();
  const subject = field === '_' ? '_' : `assignedPlan.${field}`;
  const operator = parseOperator(cursor, subject);
  if (!operator.ok) {
    return operator;
  }
  const sample =
    field === '_'
      ? 'smtp:'
      : field === 'capabilityStatus'
        ? 'Enabled'
        : 'efb87545-963c-4e0d-99df-69c6916d9eb0';
  const value = parseRuleValue(cursor, operator.value, {
    boolean: false,
    example: `${subject} -${operator.value.name} "${sample}"`,
  });
  return value.ok
    ? ok({ kind: 'compare', field, operator: operator.value.name, value: value.value })
    : value;
}

function parseOperator(
  cursor: RuleCursor,
  subject: string,
  property?: RuleProperty,
): Parsed<ReadOperator> {
  const token = cursor.peek();
  const word = keywordOf(token).replace(/^-/u, '');
  const operator = operatorsByLower.get(word);
  if (operator !== undefined) {
    if (property?.type === 'boolean' && operator !== 'eq' && operator !== 'ne') {
      return cursor.fail(
        '-eq or -ne',
        `expected -eq or -ne: ${subject} is true or false, like ${subject} -eq true`,
      );
    }
    cursor.next();
    return ok({ name: operator, token });
  }
  if (word === 'le' || word === 'ge' || word === 'lt' || word === 'gt') {
    return cursor.fail(
      'a text operator',
      `-${word} compares dates, which Entra allows only on user.employeeHireDate; use -eq, -ne, -startsWith, -in and the like on ${subject}`,
    );
  }
  if (word === 'any' || word === 'all') {
    return cursor.fail(
      'a comparison',
      `-${word} works on user.assignedPlans and user.proxyAddresses only: ${subject} holds one value`,
    );
  }
  if (word === 'not') {
    return cursor.fail(
      'a comparison',
      `expected an operator after ${subject}: -not goes before a condition, like -not (${EXAMPLE}), or use -ne, -notContains and the like`,
    );
  }
  const near = token.kind === 'word' ? closestMatch(`-${word}`, operatorList) : undefined;
  const hint = near === undefined ? `like ${subject} -eq "…"` : `did you mean ${near}?`;
  return cursor.fail(
    'an operator',
    `expected an operator after ${subject} (-eq, -ne, -startsWith, -contains, -match, -in and their -not forms); ${hint}`,
  );
}
