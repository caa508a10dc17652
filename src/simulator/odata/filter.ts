import type { BoundFilter } from './bound.ts';
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
  /**
   * When only items of these ids (lower-cased) can match (`id eq …`, `id in (…)`, or such a
   * clause and'ed with others): a collection may look at those alone instead of every item.
   */
  onlyIds?: ReadonlySet<string>;
}

/** The ids a filter is limited to by an `id eq` or `id in` clause it requires, if any. */
function onlyIdsOf(filter: BoundFilter): Set<string> | undefined {
  const isId = (path: string[]) => path.length === 1 && path[0] === 'id';
  switch (filter.kind) {
    case 'compare':
      return filter.operator === 'eq' && isId(filter.path) && typeof filter.value === 'string'
        ? new Set([filter.value.toLowerCase()])
        : undefined;
    case 'in':
      return isId(filter.path)
        ? new Set(
            filter.values.flatMap((value) =>
              typeof value === 'string' ? [value.toLowerCase()] : [],
            ),
          )
        : undefined;
    case 'and': {
      const left = onlyIdsOf(filter.left);
      const right = onlyIdsOf(filter.right);
      if (left === undefined || right === undefined) {
        return left ?? right;
      }
      return new Set([...left].filter((id) => right.has(id)));
    }
    default:
      return undefined;
  }
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
  const onlyIds = onlyIdsOf(filter);
  return {
    matches: (resource) => evaluate(filter, resource),
    ...(onlyIds === undefined ? {} : { onlyIds }),
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
