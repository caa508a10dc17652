import type { ComparisonOperator, FilterExpression, Literal, PropertyPath } from './ast.ts';
import type { BoundFilter } from './bound.ts';
import { advancedQueryMissing, ODataQueryError, unsupportedQuery } from './errors.ts';
import { bindLiteral, incompatibleNot, incompatibleTypes } from './literal-types.ts';
import { PropertyResolver, type LambdaScope } from './property-resolver.ts';
import type { FilterSchema, ScalarOperator, ScalarProperty, Support } from './schema-types.ts';

/** What binding learnt about the query besides the bound tree. */
export interface BindResult {
  filter: BoundFilter;
  /** The error Graph answers when the advanced query parameters are missing, if any are needed. */
  advancedQueryError: ODataQueryError | null;
  /** The error Graph answers when the advanced query parameters come with a clause refusing them. */
  advancedQueryRejection: ODataQueryError | null;
}

/**
 * Checks a parsed filter against a resource's schema: unknown properties, unsupported
 * operators, literal types. Collects which clauses need advanced query parameters.
 */
export function bindFilter(expression: FilterExpression, schema: FilterSchema): BindResult {
  const binder = new Binder(new PropertyResolver(schema));
  const filter = binder.bind(expression, undefined);
  return {
    filter,
    advancedQueryError: binder.advancedQueryError,
    advancedQueryRejection: binder.advancedQueryRejection,
  };
}

class Binder {
  readonly #properties: PropertyResolver;
  advancedQueryError: ODataQueryError | null = null;
  advancedQueryRejection: ODataQueryError | null = null;

  constructor(properties: PropertyResolver) {
    this.#properties = properties;
  }

  bind(expression: FilterExpression, lambda: LambdaScope | undefined): BoundFilter {
    switch (expression.kind) {
      case 'and':
      case 'or':
        if (lambda) {
          this.#lambdaConjunction(expression.kind, lambda.collection);
        }
        return {
          kind: expression.kind,
          left: this.bind(expression.left, lambda),
          right: this.bind(expression.right, lambda),
        };
      case 'not':
        if (lambda) {
          throw unsupportedQuery();
        }
        this.#checkNegatable(expression.operand);
        this.#need('advanced', () => advancedQueryMissing('not'));
        return { kind: 'not', operand: this.bind(expression.operand, lambda) };
      case 'compare':
        return this.#bindCompare(expression.operator, expression.path, expression.value, lambda);
      case 'in':
        return this.#bindIn(expression.path, expression.values, lambda);
      case 'function':
        return this.#bindFunction(expression.name, expression.path, expression.value, lambda);
      case 'any':
        return this.#bindAny(expression.path, expression.variable, expression.body, lambda);
      case 'count':
        return this.#bindCount(expression.path, expression.operator, expression.value, lambda);
      case 'negatedOperand':
        throw this.#negatedOperand(expression.path, expression.counted, lambda);
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
    this.#need('advanced', () => this.#properties.unsupported(collection));
  }

  #negatedOperand(path: PropertyPath, counted: boolean, lambda: LambdaScope | undefined) {
    if (counted) {
      return incompatibleNot('number');
    }
    const { name, property } = this.#properties.scalar(path, lambda);
    // `(not accountEnabled) eq true` type-checks in OData, but Entra does not index it.
    return property.type === 'boolean'
      ? this.#properties.unsupported(name)
      : incompatibleNot(property.type);
  }

  #bindCompare(
    operator: ComparisonOperator,
    path: PropertyPath,
    literal: Literal,
    lambda: LambdaScope | undefined,
  ): BoundFilter {
    const { name, property, segments } = this.#properties.scalar(path, lambda);
    if (literal.kind === 'null') {
      if ((operator !== 'eq' && operator !== 'ne') || property.nullValues === undefined) {
        throw this.#properties.unsupported(name);
      }
      this.#need(property.nullValues, () => this.#properties.unsupported(name));
    }
    this.#requireOperator(operator, property, name);
    const value = literal.kind === 'null' ? null : bindLiteral(literal, property.type, operator);
    return { kind: 'compare', operator, path: segments, type: property.type, value };
  }

  #bindIn(path: PropertyPath, literals: Literal[], lambda: LambdaScope | undefined): BoundFilter {
    const { name, property, segments } = this.#properties.scalar(path, lambda);
    this.#requireOperator('in', property, name);
    const values = literals.map((literal) => bindLiteral(literal, property.type, 'in'));
    return { kind: 'in', path: segments, type: property.type, values };
  }

  #bindFunction(
    fn: 'startsWith' | 'endsWith',
    path: PropertyPath,
    literal: Literal,
    lambda: LambdaScope | undefined,
  ): BoundFilter {
    const { name, property, segments } = this.#properties.scalar(path, lambda);
    if (property.type !== 'string') {
      throw this.#properties.unsupported(name);
    }
    if (literal.kind !== 'string') {
      throw new ODataQueryError(
        'BadRequest',
        `Invalid filter clause: No function signature for the function with name '${fn.toLowerCase()}' matches the specified arguments.`,
      );
    }
    this.#requireOperator(fn, property, name);
    return { kind: fn, path: segments, value: literal.value.toLowerCase() };
  }

  #bindAny(
    path: PropertyPath,
    variable: string | null,
    body: FilterExpression | null,
    lambda: LambdaScope | undefined,
  ): BoundFilter {
    if (lambda) {
      throw unsupportedQuery();
    }
    const { name, property } = this.#properties.collection(path);
    this.#need(property.any, () => this.#properties.unsupported(name));
    if (variable === null || body === null) {
      return { kind: 'any', path: name.split('/'), body: null };
    }
    const scope = { variable, collection: name, element: property.element };
    return { kind: 'any', path: name.split('/'), body: this.bind(body, scope) };
  }

  #bindCount(
    path: PropertyPath,
    operator: ComparisonOperator,
    literal: Literal,
    lambda: LambdaScope | undefined,
  ): BoundFilter {
    if (lambda) {
      throw unsupportedQuery();
    }
    const { name, property } = this.#properties.collection(path);
    if (property.count === undefined || (operator !== 'eq' && operator !== 'ne')) {
      throw this.#properties.unsupported(name);
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
        const { name, property } = this.#properties.collection(operand.path);
        this.#need(property.not, () => this.#properties.unsupported(name));
        return;
      }
      default: {
        const { name, property } = this.#properties.scalar(operand.path, undefined);
        if (property.operators.not === undefined) {
          throw this.#properties.unsupported(name);
        }
      }
    }
  }

  /** The operator must be indexed for the property; records whether only advanced queries may. */
  #requireOperator(
    operator: ScalarOperator | 'gt' | 'lt',
    property: ScalarProperty,
    name: string,
  ): void {
    const support =
      operator === 'gt' || operator === 'lt' ? undefined : property.operators[operator];
    if (support === undefined) {
      throw this.#properties.unsupported(name);
    }
    if (property.rejectsAdvancedQuery && this.advancedQueryRejection === null) {
      this.advancedQueryRejection = this.#properties.unsupported(name);
    }
    // When the property itself is only indexed for advanced queries Graph names the property;
    // when only the operator is advanced it names the operator.
    const propertyIsAdvanced = property.operators.eq !== 'default';
    this.#need(support, () =>
      propertyIsAdvanced ? this.#properties.unsupported(name) : advancedQueryMissing(operator),
    );
  }

  #need(support: Support, error: () => ODataQueryError): void {
    if (support === 'advanced' && this.advancedQueryError === null) {
      this.advancedQueryError = error();
    }
  }
}
