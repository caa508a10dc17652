/** The parsed shape of a `$filter`, before it is checked against a resource's schema. */

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'guid'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'dateTime'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A property path as written (`onPremisesExtensionAttributes/extensionAttribute1`, `x/skuId`). */
export interface PropertyPath {
  segments: string[];
  position: number;
}

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression; position: number }
  /**
   * `not prop eq 'x'`: OData's `not` binds tighter than `eq`, so this negates the bare property,
   * which Graph refuses unless it is boolean. Kept apart so the binder can name the type.
   */
  | { kind: 'negatedOperand'; path: PropertyPath; counted: boolean; position: number }
  | { kind: 'compare'; operator: ComparisonOperator; path: PropertyPath; value: Literal }
  | { kind: 'in'; path: PropertyPath; values: Literal[] }
  | { kind: 'function'; name: 'startsWith' | 'endsWith'; path: PropertyPath; value: Literal }
  /** `coll/any(x: …)`, or `coll/any()` (the collection is not empty): variable and body null. */
  | {
      kind: 'any';
      path: PropertyPath;
      variable: string | null;
      body: FilterExpression | null;
    }
  | { kind: 'count'; path: PropertyPath; operator: ComparisonOperator; value: Literal };
