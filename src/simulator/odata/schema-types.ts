/**
 * How a filter schema says which properties Entra ID lets `$filter` use, with which operators,
 * and whether each works by default or only as an *advanced query* (`ConsistencyLevel:
 * eventual` and `$count=true`).
 */

export type Support = 'default' | 'advanced';
export type ScalarOperator = 'eq' | 'ne' | 'not' | 'in' | 'ge' | 'le' | 'startsWith' | 'endsWith';
export type ScalarType = 'string' | 'boolean' | 'guid' | 'dateTime';

export interface ScalarProperty {
  kind: 'scalar';
  type: ScalarType;
  operators: Partial<Record<ScalarOperator, Support>>;
  /** `eq null` / `ne null`; absent when the property cannot be filtered on null. */
  nullValues?: Support;
  /** Graph refuses this property in a request that carries the advanced query parameters. */
  rejectsAdvancedQuery?: boolean;
}

export interface CollectionProperty {
  kind: 'collection';
  /** `prop/any(x: …)`. */
  any: Support;
  /** `not prop/any(x: …)`. */
  not: Support;
  /** `prop/$count eq n`; absent when counting is not supported. */
  count?: Support;
  /** Filterable properties of each element; the key `''` is the element itself (string lists). */
  element: Record<string, ScalarProperty>;
}

export interface FilterSchema {
  /** The resource name Graph uses in its errors: `User`, `Group`. */
  resource: string;
  /** The OData type Graph names when a property is unknown: `microsoft.graph.user`. */
  entityType: string;
  properties: Record<string, ScalarProperty | CollectionProperty>;
  /** Real properties of the resource that `$filter` cannot use (unsupported, not unknown). */
  unfilterable: readonly string[];
}

export type Ops = Partial<Record<ScalarOperator, Support>>;

/**
 * A string Entra indexes by default: `eq` and `in` (and whatever `extra` adds) work by default,
 * the negations `ne` and `not` only in advanced queries, `eq null` as `nullValues` says.
 */
export const text = (extra: Ops = {}, nullValues: Support | null = 'advanced'): ScalarProperty => ({
  kind: 'scalar',
  type: 'string',
  operators: { eq: 'default', ne: 'advanced', not: 'advanced', in: 'default', ...extra },
  ...(nullValues ? { nullValues } : {}),
});

/** A string indexed only in the advanced store: every operator needs the advanced parameters. */
export const advancedText = (
  extra: Ops = { startsWith: 'advanced' },
  nullValues: Support | null = 'advanced',
): ScalarProperty => ({
  kind: 'scalar',
  type: 'string',
  operators: { eq: 'advanced', ne: 'advanced', not: 'advanced', in: 'advanced', ...extra },
  ...(nullValues ? { nullValues } : {}),
});

export const startsWith: Ops = { startsWith: 'default' };

/** A boolean: `eq` and `in` by default, `ne` and `not` only in advanced queries. */
export const flag = (nullValues: Support | null = null): ScalarProperty => ({
  kind: 'scalar',
  type: 'boolean',
  operators: { eq: 'default', ne: 'advanced', not: 'advanced', in: 'default' },
  ...(nullValues ? { nullValues } : {}),
});
