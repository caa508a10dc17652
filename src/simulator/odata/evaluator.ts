import type { BoundFilter, BoundValue, ValueType } from './bound.ts';

/**
 * Evaluates a bound filter on one resource (a Graph view of a user or group). String
 * comparisons ignore case, as Entra ID's do; a missing property counts as null.
 */
export function evaluate(filter: BoundFilter, resource: unknown): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluate(filter.left, resource) && evaluate(filter.right, resource);
    case 'or':
      return evaluate(filter.left, resource) || evaluate(filter.right, resource);
    case 'not':
      return !evaluate(filter.operand, resource);
    case 'compare':
      return compare(
        filter.operator,
        normalise(read(resource, filter.path), filter.type),
        filter.value,
      );
    case 'in': {
      const actual = normalise(read(resource, filter.path), filter.type);
      return actual !== null && filter.values.some((value) => value === actual);
    }
    case 'startsWith':
    case 'endsWith': {
      const actual = normalise(read(resource, filter.path), 'string');
      if (typeof actual !== 'string') {
        return false;
      }
      return filter.kind === 'startsWith'
        ? actual.startsWith(filter.value)
        : actual.endsWith(filter.value);
    }
    case 'any': {
      const items = read(resource, filter.path);
      const body = filter.body;
      return (
        Array.isArray(items) &&
        (body === null ? items.length > 0 : items.some((item) => evaluate(body, item)))
      );
    }
    case 'count': {
      const items = read(resource, filter.path);
      const count = Array.isArray(items) ? items.length : 0;
      return filter.operator === 'eq' ? count === filter.value : count !== filter.value;
    }
  }
}

function read(resource: unknown, path: string[]): unknown {
  let current = resource;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Brings a resource's value to the bound literal's form, so a plain `===` compares them. */
function normalise(value: unknown, type: ValueType): BoundValue {
  if (value === null || value === undefined) {
    return null;
  }
  switch (type) {
    case 'string':
    case 'guid':
      return typeof value === 'string' ? value.toLowerCase() : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'dateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(time) ? null : time;
    }
  }
}

function compare(operator: string, actual: BoundValue, expected: BoundValue): boolean {
  switch (operator) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'ge':
      return actual !== null && expected !== null && actual >= expected;
    case 'le':
      return actual !== null && expected !== null && actual <= expected;
    default:
      return false;
  }
}
