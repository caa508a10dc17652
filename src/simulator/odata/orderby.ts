import { ODataQueryError } from './errors.ts';

/** One `$orderby` key: a property and its direction. */
export interface SortKey {
  property: string;
  descending: boolean;
}

/**
 * Which properties a collection sorts on: by default, or only with the advanced query
 * parameters (`ConsistencyLevel: eventual` and `$count=true`), as Microsoft's table lists them.
 */
export interface SortSchema {
  /** OData type for error messages, e.g. `microsoft.graph.user`. */
  entityType: string;
  /** Every property of the type (Graph casing), to tell "unknown" from "not sortable". */
  properties: readonly string[];
  byDefault: readonly string[];
  advancedOnly: readonly string[];
}

/** Users: displayName and userPrincipalName sort by default, createdDateTime only in advanced queries. */
export const userSortSchema: Omit<SortSchema, 'properties'> = {
  entityType: 'microsoft.graph.user',
  byDefault: ['displayName', 'userPrincipalName'],
  advancedOnly: ['createdDateTime'],
};

/** Groups: displayName by default. */
export const groupSortSchema: Omit<SortSchema, 'properties'> = {
  entityType: 'microsoft.graph.group',
  byDefault: ['displayName'],
  advancedOnly: [],
};

/** Graph's answer to a sort it does not support for this query. */
export function sortingNotSupported(): ODataQueryError {
  return new ODataQueryError(
    'Request_UnsupportedQuery',
    'Sorting not supported for current query.',
  );
}

/**
 * Parses `$orderby` (`displayName`, `displayName desc`, `a asc,b desc`) against a schema.
 * Unknown properties are Graph's "Could not find a property" 400; known but unsortable ones,
 * advanced-only ones outside an advanced query, and `$orderby` together with `$filter` outside
 * an advanced query are `Request_UnsupportedQuery` — never a silently unsorted page.
 */
export function parseOrderBy(
  text: string,
  schema: SortSchema,
  mode: { advanced: boolean; filtered: boolean },
): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of text.split(',')) {
    const words = part
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    const [name, direction, ...rest] = words;
    if (name === undefined || rest.length > 0) {
      throw new ODataQueryError('BadRequest', `Invalid $orderby clause: '${text}'.`);
    }
    const dir = direction?.toLowerCase();
    if (dir !== undefined && dir !== 'asc' && dir !== 'desc') {
      throw new ODataQueryError(
        'BadRequest',
        `Syntax error at position ${part.indexOf(direction ?? '')} in '${part.trim()}'.`,
      );
    }
    const property = schema.properties.find((p) => p.toLowerCase() === name.toLowerCase());
    if (property === undefined) {
      throw new ODataQueryError(
        'BadRequest',
        `Could not find a property named '${name}' on type '${schema.entityType}'.`,
      );
    }
    const sortable =
      schema.byDefault.includes(property) ||
      (mode.advanced && schema.advancedOnly.includes(property));
    if (!sortable) {
      throw sortingNotSupported();
    }
    keys.push({ property, descending: dir === 'desc' });
  }
  if (mode.filtered && !mode.advanced) {
    // Microsoft: "Using $filter and $orderby together is supported only with advanced queries."
    throw sortingNotSupported();
  }
  return keys;
}

/** Compares two resources by the keys: case-insensitive text, nulls last, then stable. */
export function compareBy(
  keys: readonly SortKey[],
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = a[key.property];
      const y = b[key.property];
      const xMissing = x === null || x === undefined;
      const yMissing = y === null || y === undefined;
      if (xMissing || yMissing) {
        // Missing values go last in either direction.
        if (xMissing !== yMissing) {
          return xMissing ? 1 : -1;
        }
        continue;
      }
      const order = compareValues(x, y);
      if (order !== 0) {
        return key.descending ? -order : order;
      }
    }
    return 0;
  };
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.localeCompare(b, 'en', { sensitivity: 'base' });
  }
  // Numbers and booleans: their natural order; anything else by its text.
  const x = typeof a === 'number' || typeof a === 'boolean' ? Number(a) : String(a);
  const y = typeof b === 'number' || typeof b === 'boolean' ? Number(b) : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
