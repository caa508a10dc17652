import { ODataQueryError, type CompiledFilter, type FilterSchema } from '../odata/filter.ts';
import { compareBy, parseOrderBy, sortingNotSupported, type SortSchema } from '../odata/orderby.ts';
import { compileSearch, searchNeedsEventual, type SearchSchema } from '../odata/search.ts';
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
  /** An item's id: a filter on ids then looks at those items alone (as Entra's index would). */
  idOf?: (item: T) => string;
  /** Undefined when this collection takes no `$orderby`. */
  sortSchema?: Omit<SortSchema, 'properties'>;
  /** Undefined when this collection takes no `$search`. */
  searchSchema?: SearchSchema;
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
  const search = compileSearchOf(spec, query);
  if ('reply' in search) {
    return search.reply;
  }
  const searched = search.compiled;
  const matchesResource = (resource: Record<string, unknown>): boolean =>
    (compiled?.matches(resource) ?? true) && (searched?.matches(resource) ?? true);
  const matches =
    compiled || searched
      ? (item: T): boolean => matchesResource(spec.resourceOf(item))
      : () => true;
  const ordered = orderItems(spec, query);
  if ('reply' in ordered) {
    return ordered.reply;
  }
  // `id in (…)` reads a handful of users: building every user's Graph view to test it would
  // cost the simulator's CPU per read in proportion to the tenant (bulk runs read 15 at a time).
  const onlyIds = compiled?.onlyIds;
  const idOf = spec.idOf;
  const items =
    onlyIds !== undefined && idOf !== undefined
      ? ordered.items.filter((item) => onlyIds.has(idOf(item).toLowerCase()))
      : ordered.items;

  const count = query.advanced ? (query.knownCount ?? countMatches(items, matches)) : undefined;
  const value: Record<string, unknown>[] = [];
  let index = Math.min(query.offset, items.length);
  for (; index < items.length && value.length < query.top; index++) {
    const item = items[index] as T;
    // The Graph view of an item is built once, for the filter and the page alike.
    const resource = spec.resourceOf(item);
    if (matchesResource(resource)) {
      value.push(spec.render(item, resource, selected.selection));
    }
  }
  // Look ahead to the next match so the last page never links to an empty one.
  while (index < items.length && !matches(items[index] as T)) {
    index++;
  }
  const body: Record<string, unknown> = {
    '@odata.context': collectionContext(spec.entitySet, selected.selection),
  };
  if (count !== undefined) {
    body['@odata.count'] = count;
  }
  if (index < items.length) {
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

function compileSearchOf<T>(
  spec: CollectionSpec<T>,
  query: ListQuery,
):
  | { compiled: { matches(r: Record<string, unknown>): boolean } | undefined }
  | { reply: GraphReply } {
  if (query.search === undefined) {
    return { compiled: undefined };
  }
  if (!spec.searchSchema) {
    return {
      reply: errorReply(
        400,
        'Request_UnsupportedQuery',
        'The $search query option is not supported on this resource.',
      ),
    };
  }
  if (!query.eventual) {
    return { reply: filterErrorReply(searchNeedsEventual()) };
  }
  try {
    return { compiled: compileSearch(query.search, spec.searchSchema) };
  } catch (error: unknown) {
    return { reply: filterErrorReply(error) };
  }
}

/**
 * The collection in `$orderby` order (sorted once per page, on the Graph view of each item),
 * or in its stable natural order when there is none.
 */
function orderItems<T>(
  spec: CollectionSpec<T>,
  query: ListQuery,
): { items: readonly T[] } | { reply: GraphReply } {
  if (query.orderBy === undefined) {
    return { items: spec.items };
  }
  try {
    if (!spec.sortSchema) {
      throw sortingNotSupported();
    }
    const keys = parseOrderBy(
      query.orderBy,
      {
        ...spec.sortSchema,
        properties: spec.shapes.flatMap((shape) => Object.keys(shape.properties)),
      },
      { advanced: query.advanced, filtered: query.filter !== undefined },
    );
    const compare = compareBy(keys);
    const withResources = spec.items.map((item) => ({ item, resource: spec.resourceOf(item) }));
    withResources.sort((a, b) => compare(a.resource, b.resource));
    return { items: withResources.map((entry) => entry.item) };
  } catch (error: unknown) {
    return { reply: filterErrorReply(error) };
  }
}
