import type { CollectionPropertyName, ScalarPropertyName } from './rule-properties.ts';

/** The comparison operators of Entra's rules, spelled as Entra documents them. */
export const ruleOperators = [
  'eq',
  'ne',
  'startsWith',
  'notStartsWith',
  'endsWith',
  'notEndsWith',
  'contains',
  'notContains',
  'match',
  'notMatch',
  'in',
  'notIn',
] as const;

export type RuleOperator = (typeof ruleOperators)[number];

/** A value as typed: quoted text, `true`/`false`, `null`, or a `[…]` list for `-in`/`-notIn`. */
export type RuleValue =
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; values: string[] };

/** A field of one item of a collection: an assigned plan's, or `_` for the item itself. */
export type ItemField = 'servicePlanId' | 'capabilityStatus' | 'service' | '_';

/** A condition on one item of a collection, inside `-any (…)` or `-all (…)`. */
export type ItemNode =
  | { kind: 'and' | 'or'; left: ItemNode; right: ItemNode }
  | { kind: 'not'; operand: ItemNode }
  | { kind: 'compare'; field: ItemField; operator: RuleOperator; value: RuleValue };

/** A parsed dynamic membership rule. Values stay as typed; nothing is resolved. */
export type RuleNode =
  | { kind: 'and' | 'or'; left: RuleNode; right: RuleNode }
  | { kind: 'not'; operand: RuleNode }
  | { kind: 'compare'; property: ScalarPropertyName; operator: RuleOperator; value: RuleValue }
  | {
      kind: 'collection';
      property: CollectionPropertyName;
      quantifier: 'any' | 'all';
      condition: ItemNode;
    };

/** Where a rule cannot be read, and what was expected there, in an admin's words. */
export interface RuleSyntaxError {
  /** 0-based offset of the fault in the rule. */
  position: number;
  /** Where the faulty part ends (exclusive), for the marker under it. */
  end: number;
  /** What would have been valid there: "a value in quotes", "a user property". */
  expected: string;
  /** The whole explanation: where (1-based character and an excerpt) and what was expected. */
  message: string;
}
