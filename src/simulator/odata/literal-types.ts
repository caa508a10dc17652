import type { ComparisonOperator, Literal } from './ast.ts';
import type { BoundValue } from './bound.ts';
import { ODataQueryError } from './errors.ts';
import type { ScalarType } from './schema-types.ts';

const OPERATOR_KIND: Record<ComparisonOperator | 'in', string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  in: 'In',
};

/** The EDM type names Graph's OData parser uses in its type errors. */
export const EDM_TYPE: Record<Literal['kind'] | ScalarType, string> = {
  string: 'Edm.String',
  guid: 'Edm.Guid',
  number: 'Edm.Int32',
  boolean: 'Edm.Boolean',
  dateTime: 'Edm.DateTimeOffset',
  null: 'null',
};

/**
 * A literal as a value of the property's type, ready for `===`: strings and GUIDs lower-cased
 * (Entra compares them without case), dates as epoch milliseconds. A literal of another type is
 * Graph's "incompatible types" error: `accountEnabled eq 'true'`, a quoted GUID.
 */
export function bindLiteral(
  literal: Literal,
  type: ScalarType,
  operator: ComparisonOperator | 'in',
): BoundValue {
  if (literal.kind === type) {
    switch (literal.kind) {
      case 'string':
      case 'guid':
        return literal.value.toLowerCase();
      case 'boolean':
        return literal.value;
      case 'dateTime':
        // A bare date is midnight UTC, as OData reads `Edm.Date` promoted to a date-time.
        return Date.parse(
          literal.value.includes('T') ? literal.value : `${literal.value}T00:00:00Z`,
        );
    }
  }
  throw incompatibleTypes(type, literal, operator);
}

export function incompatibleTypes(
  propertyType: ScalarType | 'number',
  literal: Literal,
  operator: ComparisonOperator | 'in',
): ODataQueryError {
  return new ODataQueryError(
    'BadRequest',
    `Invalid filter clause: A binary operator with incompatible types was detected. Found operand types '${EDM_TYPE[propertyType]}' and '${EDM_TYPE[literal.kind]}' for operator kind '${OPERATOR_KIND[operator]}'.`,
  );
}

/** `not prop eq 'x'` negates the bare property: OData names the operand's type. */
export function incompatibleNot(operandType: ScalarType | 'number'): ODataQueryError {
  return new ODataQueryError(
    'BadRequest',
    `Invalid filter clause: A unary operator with an incompatible type was detected. Found operand type '${EDM_TYPE[operandType]}' for operator kind 'Not'.`,
  );
}
