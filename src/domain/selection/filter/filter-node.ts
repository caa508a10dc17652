import type { AttributeName } from './attributes.ts';

/** A value as the admin typed it: quoted text, or `true`/`false` for `accountEnabled`. */
export type FilterValue = { kind: 'string'; value: string } | { kind: 'boolean'; value: boolean };

/**
 * The parsed `where` part of a bulk request. Values stay as typed: SKU words are resolved
 * against the tenant only when the filter is compiled.
 */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; attribute: AttributeName; operator: 'eq' | 'ne'; value: FilterValue }
  | { kind: 'in'; attribute: AttributeName; values: string[] }
  | { kind: 'startsWith' | 'endsWith'; attribute: AttributeName; value: string }
  /** `has E5`: the user holds the SKU the words name. */
  | { kind: 'has'; sku: string }
  /** `assignedLicenses/any()`: the user holds at least one license. */
  | { kind: 'hasAnyLicense' };

/** Where a filter cannot be read, and what was expected there, in the admin's words. */
export interface FilterSyntaxError {
  /** 0-based offset of the fault (plus the `offset` the caller gave). */
  position: number;
  /** What would have been valid there: "a value in quotes", "a user attribute". */
  expected: string;
  /** The whole explanation: where (1-based character and an excerpt) and what was expected. */
  message: string;
}

export type FilterCompileErrorCode =
  'SKU_UNKNOWN' | 'SKU_AMBIGUOUS' | 'SKU_ID_INVALID' | 'OPERATOR_UNSUPPORTED' | 'TOO_MANY_VALUES';

/** A filter that reads well but cannot become a Graph query in this tenant. */
export interface FilterCompileError {
  code: FilterCompileErrorCode;
  message: string;
  /** The license words that did not resolve to one SKU. */
  word?: string;
  /** The product name closest to an unknown word. */
  suggestion?: string;
  /** The product names an ambiguous word could mean. */
  choices?: string[];
}

/** A Graph `$filter` for `GET /users`, and whether it needs Graph's advanced query mode. */
export interface CompiledUserFilter {
  filter: string;
  /** Send `ConsistencyLevel: eventual` and `$count=true`, or Graph refuses the filter. */
  advanced: boolean;
}
