/**
 * Which properties Entra ID lets `$filter` use, with which operators, and whether each works by
 * default or only as an *advanced query* (`ConsistencyLevel: eventual` and `$count=true`).
 * Source: Microsoft's "Advanced query capabilities on Microsoft Entra ID objects" property table
 * and the user/group resource pages. Where the two disagree the resource page wins, since it is
 * the newer text (e.g. `jobTitle` supports `startsWith`).
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

/** Directory strings: `eq`, `in` and `startsWith` by default, negations only as advanced queries. */
export const text = (extra: Ops = {}, nullValues: Support | null = 'advanced'): ScalarProperty => ({
  kind: 'scalar',
  type: 'string',
  operators: { eq: 'default', ne: 'advanced', not: 'advanced', in: 'default', ...extra },
  ...(nullValues ? { nullValues } : {}),
});
export const ordered: Ops = { ge: 'default', le: 'default', startsWith: 'default' };
export const flag = (extra: Ops = {}): ScalarProperty => ({
  kind: 'scalar',
  type: 'boolean',
  operators: { eq: 'default', ne: 'advanced', not: 'advanced', in: 'default', ...extra },
});
export const allAdvanced: Ops = { eq: 'advanced', ne: 'advanced', not: 'advanced', in: 'advanced' };
