import { ODataQueryError, type CompiledFilter, type FilterSchema } from '../odata/filter.ts';
import { graphErrors } from './graph-errors.ts';
import type { GraphContext } from './graph-request.ts';
import { encodeSkipToken, parseListQuery, type ListQuery } from './list-query.ts';
import { collectionContext } from './odata-context.ts';
import { resolveSelect, type ResourceShape, type Selection } from './projection.ts';
import { errorReply, jsonReply, type GraphReply } from './reply.ts';

/** How one Graph collection is listed. */
export interface CollectionSpec<T> {
  items: readonly T[];
  /** The Graph view of an item, which `$filter` reads. */
  resourceOf(item: T): Record<string, unknown>;
  /** The JSON of an item in a page. */
  render(item: T, resource: Record<string, unknown>, selection: Selection): Record<string, unknown>;
  /** Shapes `$select` is resolved against (several for directoryObjects). */
  shapes: readonly ResourceShape[];
  /** Entity set named in `@odata.context`. */
  entitySet: string;
  defaultTop: number;
  /** Undefined when this collection takes no `$filter`. */
  filterSchema?: FilterSchema;
}

/**
 * One page of a collection with `@odata.context`, `@odata.count` (advanced queries only) and an
 * absolute `@odata.nextLink` back at this server. Each page scans on from where the last one
 * stopped and the count is carried in the token, so listing everything stays linear.
 */
export function listCollection<T>(ctx: GraphContext, spec: CollectionSpec<T>): GraphReply {
  const parsed = parseListQuery(ctx.request, spec.defaultTop);
  if (!parsed.ok) {
    return parsed.reply;
  }
  const query = parsed.query;
  const selected = resolveSelect(query.select, spec.shapes);
  if (!selected.ok) {
    return graphErrors.unknownProperty(selected.unknown, selected.type);
  }
  const filter = compile(ctx, spec, query);
  if ('reply' in filter) {
    return filter.reply;
  }
  const compiled = filter.compiled;
  const matches = compiled
    ? (item: T): boolean => compiled.matches(spec.resourceOf(item))
    : (): boolean => true;

  const count = query.advanced
    ? (query.knownCount ?? countMatches(spec.items, matches))
    : undefined;
  const value: Record<string, unknown>[] = [];
  let index = Math.min(query.offset, spec.items.length);
  for (; index < spec.items.length && value.length < query.top; index++) {
    const item = spec.items[index] as T;
    if (matches(item)) {
      value.push(spec.render(item, spec.resourceOf(item), selected.selection));
    }
  }
  // Look ahead to the next match so the last page never links to an empty one.
  while (index < spec.items.length && !matches(spec.items[index] as T)) {
    index++;
  }
  const body: Record<string, unknown> = {
    '@odata.context': collectionContext(spec.entitySet, selected.selection),
  };
  if (count !== undefined) {
    body['@odata.count'] = count;
  }
  if (index < spec.items.length) {
    const token = encodeSkipToken(query, index, count);
    body['@odata.nextLink'] = `${ctx.request.serviceRoot}${ctx.request.path}?$skiptoken=${token}`;
  }
  body['value'] = value;
  return jsonReply(200, body);
}

/** Counts the matches of a filter (or all items) for `/$count` and `@odata.count`. */
export function countMatches<T>(items: readonly T[], matches: (item: T) => boolean): number {
  let count = 0;
  for (const item of items) {
    if (matches(item)) {
      count++;
    }
  }
  return count;
}

/**
 * Compiles the query's filter for a collection: the filter module's errors become Graph's 400,
 * among them an advanced-only filter without `ConsistencyLevel: eventual` and `$count=true`,
 * and a clause that refuses those parameters.
 */
export function compile<T>(
  ctx: GraphContext,
  spec: Pick<CollectionSpec<T>, 'filterSchema'>,
  query: Pick<ListQuery, 'filter' | 'advanced'>,
): { compiled: CompiledFilter | undefined } | { reply: GraphReply } {
  if (query.filter === undefined) {
    return { compiled: undefined };
  }
  if (!spec.filterSchema) {
    return { reply: graphErrors.filterNotSupportedHere() };
  }
  try {
    const compiled = ctx.filters.get(query.filter, spec.filterSchema);
    compiled.assertQueryMode(query.advanced);
    return { compiled };
  } catch (error: unknown) {
    return { reply: filterErrorReply(error) };
  }
}

function filterErrorReply(error: unknown): GraphReply {
  if (error instanceof ODataQueryError) {
    return errorReply(error.status, error.code, error.message);
  }
  throw error;
}
