import type { FilterSchema } from '../../odata/filter.ts';
import { compile, countMatches } from '../collection.ts';
import { graphErrors } from '../graph-errors.ts';
import { wantsEventualConsistency, type GraphContext } from '../graph-request.ts';
import type { GraphReply } from '../reply.ts';

/**
 * `GET /users/$count` and `/groups/$count`: a plain-text number, only with
 * `ConsistencyLevel: eventual` (Graph's 400 otherwise); `$filter` applies.
 */
export function countSegment<T>(
  ctx: GraphContext,
  items: readonly T[],
  resourceOf: (item: T) => Record<string, unknown>,
  filterSchema: FilterSchema,
): GraphReply {
  if (!wantsEventualConsistency(ctx.request)) {
    return graphErrors.countSegmentUnsupported();
  }
  const filterText = ctx.request.query.get('$filter') ?? undefined;
  const filter = compile(ctx, { filterSchema }, { filter: filterText, advanced: true });
  if ('reply' in filter) {
    return filter.reply;
  }
  const compiled = filter.compiled;
  const count = compiled
    ? countMatches(items, (item) => compiled.matches(resourceOf(item)))
    : items.length;
  return { status: 200, body: String(count), headers: { 'Content-Type': 'text/plain' } };
}
