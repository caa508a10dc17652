import type { ComparisonOperator } from './ast.ts';

/** A scalar value ready to compare: strings lower-cased, GUIDs lower-cased, dates as epoch ms. */
export type BoundValue = string | boolean | number | null;
export type ValueType = 'string' | 'boolean' | 'guid' | 'dateTime';

/**
 * A filter checked against a schema: property paths are canonical (as the resource spells
 * them), literals have the property's type, and every clause is one Entra supports.
 */
export type BoundFilter =
  | { kind: 'and' | 'or'; left: BoundFilter; right: BoundFilter }
  | { kind: 'not'; operand: BoundFilter }
  | {
      kind: 'compare';
      operator: ComparisonOperator;
      path: string[];
      type: ValueType;
      value: BoundValue;
    }
  | { kind: 'in'; path: string[]; type: ValueType; values: BoundValue[] }
  | { kind: 'startsWith' | 'endsWith'; path: string[]; value: string }
  /** A null body is `any()`: the collection has at least one element. */
  | { kind: 'any'; path: string[]; body: BoundFilter | null }
  | { kind: 'count'; path: string[]; operator: 'eq' | 'ne'; value: number };
