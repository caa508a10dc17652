import type { ComparisonOperator, FilterExpression, Literal, PropertyPath } from './ast.ts';
import type { BoundFilter, BoundValue } from './bound.ts';
import {
  advancedQueryMissing,
  ODataQueryError,
  unsupportedClause,
  unsupportedQuery,
} from './errors.ts';
import type {
  CollectionProperty,
  FilterSchema,
  ScalarOperator,
  ScalarProperty,
  Support,
} from './schemas.ts';

/** What binding learnt about the query besides the bound tree. */
export interface BindResult {
  filter: BoundFilter;
  /** The error Graph answers when the advanced query parameters are missing, if any are needed. */
  advancedQueryError: ODataQueryError | null;
  /** The error Graph answers when the advanced query parameters come with a clause refusing them. */
  advancedQueryRejection: ODataQueryError | null;
}

const OPERATOR_KIND: Record<ComparisonOperator | 'in', string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  in: 'In',
};

const EDM_TYPE: Record<Literal['kind'] | ScalarProperty['type'], string> = {
  string: 'Edm.String',
  guid: 'Edm.Guid',
  number: 'Edm.Int32',
  boolean: 'Edm.Boolean',
  dateTime: 'Edm.DateTimeOffset',
  null: 'null',
};

interface Scope {
  /** Inside `coll/any(x: …)`: the variable and the element's properties. */
  lambda?: { variable: string; collection: string; element: Record<string, ScalarProperty> };
}

/**
 * Checks a parsed filter against a resource's schema: unknown properties, unsupported
 * operators, literal types. Collects which clauses need advanced query parameters.
 */
export function bindFilter(expression: FilterExpression, schema: FilterSchema): BindResult {
  const binder = new Binder(schema);
  const filter = binder.bind(expression, {});
  return {
    filter,
    advancedQueryError: binder.advancedQueryError,
    advancedQueryRejection: binder.advancedQueryRejection,
  };
}

class Binder {
  readonly #schema: FilterSchema;
  readonly #byLowerName: Map<string, string>;
  advancedQueryError: ODataQueryError | null = null;
  advancedQueryRejection: ODataQueryError | null = null;

  constructor(schema: FilterSchema) {
    this.#schema = schema;
    this.#byLowerName = new Map(Object.keys(schema.properties).map((n) => [n.toLowerCase(), n]));
  }

  bind(expression: FilterExpression, scope: Scope): BoundFilter {
    switch (expression.kind) {
      case 'and':
      case 'or':
        if (scope.lambda) {
          this.#lambdaConjunction(expression.kind, scope.lambda.collection);
        }
        return {
          kind: expression.kind,
          left: this.bind(expression.left, scope),
          right: this.bind(expression.right, scope),
        };
      case 'not':
        if (scope.lambda) {
          throw unsupportedQuery();
        }
        this.#checkNegatable(expression.operand);
        this.#need('advanced', () => advancedQueryMissing('not'));
        return { kind: 'not', operand: this.bind(expression.operand, scope) };
      case 'compare':
        return this.#bindCompare(expression.operator, expression.path, expression.value, scope);
      case 'in':
        return this.#bindIn(expression.path, expression.values, scope);
      case 'function':
        return this.#bindFunction(expression.name, expression.path, expression.value, scope);
      case 'any':
        return this.#bindAny(expression.path, expression.variable, expression.body, scope);
      case 'count':
        return this.#bindCount(expression.path, expression.operator, expression.value, scope);
      case 'negatedOperand':
        throw this.#negatedOperand(expression.path, expression.counted, scope);
    }
  }

  /**
   * Inside a lambda Entra takes `and` between conditions on the same element (Microsoft's own
   * example: `assignedPlans/any(a:a/servicePlanId eq … and a/capabilityStatus eq 'Suspended')`,
   * an advanced query) but not `or`.
   */
  #lambdaConjunction(kind: 'and' | 'or', collection: string): void {
    if (kind === 'or') {
      throw unsupportedQuery();
    }
    this.#need('advanced', () => unsupportedClause(collection, this.#schema.resource));
  }

  /** `not prop eq 'x'` negates `prop` itself: OData's error names the operand's type. */
  #negatedOperand(path: PropertyPath, counted: boolean, scope: Scope): ODataQueryError {
    let type: keyof typeof EDM_TYPE = 'number';
    if (!counted) {
      const { name, property } = this.#scalar(path, scope);
      if (property.type === 'boolean') {
        return unsupportedClause(name, this.#schema.resource);
      }
      type = property.type;
    }
    return new ODataQueryError(
      'BadRequest',
      `Invalid filter clause: A unary operator with an incompatible type was detected. Found operand type '${EDM_TYPE[type]}' for operator kind 'Not'.`,
    );
  }

  #bindCompare(
    operator: ComparisonOperator,
    path: PropertyPath,
    literal: Literal,
    scope: Scope,
  ): BoundFilter {
    const { name, property, segments } = this.#scalar(path, scope);
    if (operator === 'gt' || operator === 'lt') {
      throw unsupportedClause(name, this.#schema.resource);
    }
    if (literal.kind === 'null') {
      if (operator !== 'eq' && operator !== 'ne') {
        throw unsupportedClause(name, this.#schema.resource);
      }
      const nullSupport = property.nullValues;
      if (nullSupport === undefined) {
        throw unsupportedClause(name, this.#schema.resource);
      }
      this.#need(nullSupport, () => unsupportedClause(name, this.#schema.resource));
    }
    this.#requireOperator(operator, property, name);
    this.#track(property, name);
    const value = literal.kind === 'null' ? null : this.#value(literal, property, operator);
    return { kind: 'compare', operator, path: segments, type: property.type, value };
  }

  #bindIn(path: PropertyPath, literals: Literal[], scope: Scope): BoundFilter {
    const { name, property, segments } = this.#scalar(path, scope);
    this.#requireOperator('in', property, name);
    this.#track(property, name);
    const values = literals.map((literal) => this.#value(literal, property, 'in'));
    return { kind: 'in', path: segments, type: property.type, values };
  }

  #bindFunction(
    fn: 'startsWith' | 'endsWith',
    path: PropertyPath,
    literal: Literal,
    scope: Scope,
  ): BoundFilter {
    const { name, property, segments } = this.#scalar(path, scope);
    if (property.type !== 'string') {
      throw unsupportedClause(name, this.#schema.resource);
    }
    if (literal.kind !== 'string') {
      throw new ODataQueryError(
        'BadRequest',
        `Invalid filter clause: No function signature for the function with name '${fn.toLowerCase()}' matches the specified arguments.`,
      );
    }
    this.#requireOperator(fn, property, name);
    this.#track(property, name);
    return { kind: fn, path: segments, value: literal.value.toLowerCase() };
  }

  #bindAny(
    path: PropertyPath,
    variable: string,
    body: FilterExpression,
    scope: Scope,
  ): BoundFilter {
    if (scope.lambda) {
      throw unsupportedQuery();
    }
    const { name, property } = this.#collection(path);
    this.#need(property.any, () => unsupportedClause(name, this.#schema.resource));
    const lambda = { variable, collection: name, element: property.element };
    return { kind: 'any', path: name.split('/'), body: this.bind(body, { lambda }) };
  }

  #bindCount(
    path: PropertyPath,
    operator: ComparisonOperator,
    literal: Literal,
    scope: Scope,
  ): BoundFilter {
    if (scope.lambda) {
      throw unsupportedQuery();
    }
    const { name, property } = this.#collection(path);
    if (property.count === undefined || (operator !== 'eq' && operator !== 'ne')) {
      throw unsupportedClause(name, this.#schema.resource);
    }
    if (literal.kind !== 'number') {
      throw incompatibleTypes('number', literal, operator);
    }
    this.#need(property.count, () => advancedQueryMissing('$count'));
    return { kind: 'count', path: name.split('/'), operator, value: literal.value };
  }

  /** `not` applies to whatever it wraps; Entra allows it where each wrapped property allows it. */
  #checkNegatable(operand: FilterExpression): void {
    switch (operand.kind) {
      case 'and':
      case 'or':
        this.#checkNegatable(operand.left);
        this.#checkNegatable(operand.right);
        return;
      case 'not':
        this.#checkNegatable(operand.operand);
        return;
      case 'negatedOperand':
        return;
      case 'any':
      case 'count': {
        const { name, property } = this.#collection(operand.path);
        this.#need(property.not, () => unsupportedClause(name, this.#schema.resource));
        return;
      }
      default: {
        const { name, property } = this.#scalar(operand.path, {});
        if (property.operators.not === undefined) {
          throw unsupportedClause(name, this.#schema.resource);
        }
      }
    }
  }

  #requireOperator(operator: ScalarOperator | 'gt' | 'lt', property: ScalarProperty, name: string) {
    const support = property.operators[operator as ScalarOperator];
    if (support === undefined) {
      throw unsupportedClause(name, this.#schema.resource);
    }
    const eqIsDefault = property.operators.eq === 'default';
    // When the property itself is only indexed for advanced queries Graph names the property;
    // when only the operator is advanced it names the operator.
    this.#need(support, () =>
      eqIsDefault ? advancedQueryMissing(operator) : unsupportedClause(name, this.#schema.resource),
    );
  }

  #track(property: ScalarProperty, name: string): void {
    if (property.rejectsAdvancedQuery && this.advancedQueryRejection === null) {
      this.advancedQueryRejection = unsupportedClause(name, this.#schema.resource);
    }
  }

  #need(support: Support, error: () => ODataQueryError): void {
    if (support === 'advanced' && this.advancedQueryError === null) {
      this.advancedQueryError = error();
    }
  }

  #scalar(path: PropertyPath, scope: Scope) {
    if (scope.lambda) {
      return this.#lambdaScalar(path, scope.lambda);
    }
    const name = this.#resolve(path);
    const property = this.#schema.properties[name];
    if (property === undefined || property.kind !== 'scalar') {
      throw unsupportedClause(lastSegment(name), this.#schema.resource);
    }
    return { name: lastSegment(name), property, segments: name.split('/') };
  }

  #lambdaScalar(path: PropertyPath, lambda: NonNullable<Scope['lambda']>) {
    const [head, ...rest] = path.segments;
    if (head !== lambda.variable) {
      throw new ODataQueryError(
        'BadRequest',
        `Invalid filter clause: Only the lambda variable '${lambda.variable}' may be used inside the lambda, at position ${path.position}.`,
      );
    }
    const wanted = rest.join('/').toLowerCase();
    const key = Object.keys(lambda.element).find((k) => k.toLowerCase() === wanted);
    const property = key === undefined ? undefined : lambda.element[key];
    if (key === undefined || property === undefined) {
      throw unsupportedClause(lambda.collection, this.#schema.resource);
    }
    return { name: lambda.collection, property, segments: key === '' ? [] : key.split('/') };
  }

  #collection(path: PropertyPath): { name: string; property: CollectionProperty } {
    const name = this.#resolve(path);
    const property = this.#schema.properties[name];
    if (property === undefined || property.kind !== 'collection') {
      throw unsupportedClause(lastSegment(name), this.#schema.resource);
    }
    return { name, property };
  }

  /** Property names are matched case-insensitively, as Graph does. */
  #resolve(path: PropertyPath): string {
    const written = path.segments.join('/');
    const known = this.#byLowerName.get(written.toLowerCase());
    if (known !== undefined) {
      return known;
    }
    const root = path.segments[0] ?? written;
    const unfilterable = this.#schema.unfilterable.find(
      (p) => p.toLowerCase() === root.toLowerCase(),
    );
    const isNested = Object.keys(this.#schema.properties).some((p) =>
      p.toLowerCase().startsWith(`${root.toLowerCase()}/`),
    );
    if (unfilterable !== undefined || isNested) {
      throw unsupportedClause(lastSegment(written), this.#schema.resource);
    }
    throw new ODataQueryError(
      'BadRequest',
      `Could not find a property named '${root}' on type '${this.#schema.entityType}'.`,
    );
  }

  #value(
    literal: Literal,
    property: ScalarProperty,
    operator: ComparisonOperator | 'in',
  ): BoundValue {
    switch (property.type) {
      case 'string':
        if (literal.kind === 'string') {
          return literal.value.toLowerCase();
        }
        break;
      case 'guid':
        if (literal.kind === 'guid') {
          return literal.value.toLowerCase();
        }
        break;
      case 'boolean':
        if (literal.kind === 'boolean') {
          return literal.value;
        }
        break;
      case 'dateTime':
        if (literal.kind === 'dateTime') {
          return Date.parse(
            literal.value.includes('T') ? literal.value : `${literal.value}T00:00:00Z`,
          );
        }
        break;
    }
    throw incompatibleTypes(property.type, literal, operator);
  }
}

function incompatibleTypes(
  propertyType: ScalarProperty['type'] | 'number',
  literal: Literal,
  operator: ComparisonOperator | 'in',
): ODataQueryError {
  return new ODataQueryError(
    'BadRequest',
    `Invalid filter clause: A binary operator with incompatible types was detected. Found operand types '${EDM_TYPE[propertyType]}' and '${EDM_TYPE[literal.kind]}' for operator kind '${OPERATOR_KIND[operator]}'.`,
  );
}

function lastSegment(path: string): string {
  return path.split('/').at(-1) ?? path;
}
