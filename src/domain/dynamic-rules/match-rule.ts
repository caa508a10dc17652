import type { ItemNode, RuleNode, RuleOperator, RuleValue } from './rule-node.ts';
import type { AssignedPlanRecord, RuleUser } from './rule-user.ts';
import type { ScalarPropertyName } from './rule-properties.ts';

type Actual = string | boolean | null;
type Test = (actual: Actual) => boolean;
type Item = string | AssignedPlanRecord;

/**
 * A rule as a test over users, built once for a whole tenant (regular expressions compiled once).
 * As in Entra, text is compared without case; an unset property is null, so it equals `null`, no
 * text, and every `-not…`/`-ne` condition on text holds for it; `-all` holds for an empty list.
 */
export function compileRule(node: RuleNode): (user: RuleUser) => boolean {
  switch (node.kind) {
    case 'and': {
      const [left, right] = [compileRule(node.left), compileRule(node.right)];
      return (user) => left(user) && right(user);
    }
    case 'or': {
      const [left, right] = [compileRule(node.left), compileRule(node.right)];
      return (user) => left(user) || right(user);
    }
    case 'not': {
      const operand = compileRule(node.operand);
      return (user) => !operand(user);
    }
    case 'compare': {
      const test = compileTest(node.operator, node.value);
      const property = node.property;
      return (user) => test(scalar(user, property));
    }
    case 'collection': {
      const condition = compileItem(node.condition);
      const items = (user: RuleUser): readonly Item[] =>
        (node.property === 'assignedPlans' ? user.assignedPlans : user.proxyAddresses) ?? [];
      return node.quantifier === 'any'
        ? (user) => items(user).some(condition)
        : (user) => items(user).every(condition);
    }
  }
}

function compileItem(node: ItemNode): (item: Item) => boolean {
  switch (node.kind) {
    case 'and': {
      const [left, right] = [compileItem(node.left), compileItem(node.right)];
      return (item) => left(item) && right(item);
    }
    case 'or': {
      const [left, right] = [compileItem(node.left), compileItem(node.right)];
      return (item) => left(item) || right(item);
    }
    case 'not': {
      const operand = compileItem(node.operand);
      return (item) => !operand(item);
    }
    case 'compare': {
      const test = compileTest(node.operator, node.value);
      // The parser keeps `_` for addresses and plan fields for plans.
      const field = node.field as keyof AssignedPlanRecord;
      return (item) => test(typeof item === 'string' ? item : (item[field] ?? null));
    }
  }
}

function scalar(user: RuleUser, property: ScalarPropertyName): Actual {
  if (property.startsWith('extensionAttribute')) {
    const attributes = user.onPremisesExtensionAttributes ?? {};
    return (attributes as Record<string, string | null | undefined>)[property] ?? null;
  }
  return (user as Record<string, Actual | undefined>)[property] ?? null;
}

const lower = (actual: Actual): string | null =>
  actual === null ? null : String(actual).toLowerCase();

/** What `-eq`, `-startsWith`… test; their `-not…`/`-ne` forms are the opposite. */
function positiveTest(operator: RuleOperator, value: RuleValue): Test {
  if (value.kind === 'null') {
    return (actual) => actual === null;
  }
  if (value.kind === 'boolean') {
    return (actual) => actual === value.value;
  }
  if (value.kind === 'list') {
    const wanted = new Set(value.values.map((text) => text.toLowerCase()));
    return (actual) => {
      const text = lower(actual);
      return text !== null && wanted.has(text);
    };
  }
  const expected = value.value.toLowerCase();
  const onText =
    (check: (text: string) => boolean): Test =>
    (actual) => {
      const text = lower(actual);
      return text !== null && check(text);
    };
  switch (operator) {
    case 'startsWith':
    case 'notStartsWith':
      return onText((text) => text.startsWith(expected));
    case 'endsWith':
    case 'notEndsWith':
      return onText((text) => text.endsWith(expected));
    case 'contains':
    case 'notContains':
      return onText((text) => text.includes(expected));
    case 'match':
    case 'notMatch': {
      const pattern = new RegExp(value.value, 'i');
      return onText((text) => pattern.test(text));
    }
    default:
      return onText((text) => text === expected);
  }
}

const negative = new Set<RuleOperator>([
  'ne',
  'notStartsWith',
  'notEndsWith',
  'notContains',
  'notMatch',
  'notIn',
]);

function compileTest(operator: RuleOperator, value: RuleValue): Test {
  const test = positiveTest(operator, value);
  return negative.has(operator) ? (actual) => !test(actual) : test;
}
