import { bindFilter } from './bind.ts';
import { evaluate } from './evaluator.ts';
import { parseFilter } from './parser.ts';
import type { FilterSchema } from './schemas.ts';

export { ODataQueryError } from './errors.ts';
export { groupFilterSchema, userFilterSchema, type FilterSchema } from './schemas.ts';

/** A `$filter` checked against a resource's schema, ready to test resources. */
export interface CompiledFilter {
  matches(resource: Record<string, unknown>): boolean;
  /** Some clause works only with `ConsistencyLevel: eventual` and `$count=true`. */
  requiresAdvancedQuery: boolean;
  /** Some clause (e.g. `hasMembersWithLicenseErrors`) fails when those parameters are present. */
  rejectsAdvancedQuery: boolean;
  /**
   * Throws Graph's error when the request's query mode does not suit this filter: advanced
   * clauses without the advanced parameters, or a clause that refuses them.
   */
  assertQueryMode(advanced: boolean): void;
}

/**
 * Compiles a Graph `$filter` for users or groups. Throws `ODataQueryError` (400) with
 * `BadRequest` for malformed text and `Request_UnsupportedQuery` for what Entra does not
 * support: never a silent match-all.
 */
export function compileFilter(text: string, schema: FilterSchema): CompiledFilter {
  const { filter, advancedQueryError, advancedQueryRejection } = bindFilter(
    parseFilter(text),
    schema,
  );
  return {
    matches: (resource) => evaluate(filter, resource),
    requiresAdvancedQuery: advancedQueryError !== null,
    rejectsAdvancedQuery: advancedQueryRejection !== null,
    assertQueryMode(advanced) {
      if (!advanced && advancedQueryError) {
        throw advancedQueryError;
      }
      if (advanced && advancedQueryRejection) {
        throw advancedQueryRejection;
      }
    },
  };
}
