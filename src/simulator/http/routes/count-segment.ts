import type { FilterSchema } from '../../odata/filter.ts';
import { ODataQueryError } from '../../odata/filter.ts';
import { compileSearch, type SearchSchema } from '../../odata/search.ts';
import { compile, countMatches } from '../collection.ts';
import { graphErrors } from '../graph-errors.ts';
import { wantsEventualConsistency, type GraphContext } from '../graph-request.ts';
import { unsupportedQueryOption } from '../query-options.ts';
import { errorReply, type GraphReply } from '../reply.ts';

/**
 * `GET /users/$count` and `/groups/$count`: a plain-text number, only with
 * `ConsistencyLevel: eventual` (Graph's 400 otherwise); `$filter` (where the collection has one
 * type) and `$search` apply, any other option is refused rather than ignored.
 */
export function countSegment<T>(
  ctx: GraphContext,
  items: readonly T[],
  resourceOf: (item: T) => Record<string, unknown>,
  filterSchema: FilterSchema,
  searchSchema: SearchSchema,
  filterable = true,
): GraphReply {
  const refused = unsupportedQueryOption(
    ctx.request.query,
    filterable ? ['$filter', '$search'] : ['$search'],
  );
  if (refused) {
    return refused;
  }
  if (!wantsEventualConsistency(ctx.request)) {
    return graphErrors.countSegmentUnsupported();
  }
  const filterText = ctx.request.query.get('$filter') ?? undefined;
  const filter = compile(ctx, { filterSchema }, { filter: filterText, advanced: true });
  if ('reply' in filter) {
    return filter.reply;
  }
  const searchText = ctx.request.query.get('$search');
  let search: ReturnType<typeof compileSearch> | undefined;
  try {
    search = searchText ? compileSearch(searchText, searchSchema) : undefined;
  } catch (error: unknown) {
    if (error instanceof ODataQueryError) {
      return errorReply(error.status, error.code, error.message);
    }
    throw error;
  }
  const compiled = filter.compiled;
  const count =
    compiled || search
      ? countMatches(items, (item) => {
          const resource = resourceOf(item);
          return (compiled?.matches(resource) ?? true) && (search?.matches(resource) ?? true);
        })
      : items.length;
  return { status: 200, body: String(count), headers: { 'Content-Type': 'text/plain' } };
}
