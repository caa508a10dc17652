import { z } from 'zod';
import { graphErrors } from './graph-errors.ts';
import { wantsEventualConsistency, type GraphRequest } from './graph-request.ts';
import { listOptions, unsupportedQueryOption } from './query-options.ts';
import type { GraphReply } from './reply.ts';

/** The query of one page of a collection, from the URL or carried over in a `$skiptoken`. */
export interface ListQuery {
  select: string | undefined;
  filter: string | undefined;
  orderBy: string | undefined;
  search: string | undefined;
  /** The `ConsistencyLevel: eventual` header (all `$search` needs). */
  eventual: boolean;
  /** Page size: `$top` when given, else the collection's default. */
  top: number;
  explicitTop: boolean;
  /** `$count=true` with `ConsistencyLevel: eventual`: advanced queries are allowed. */
  advanced: boolean;
  /** Where the next page starts in the collection's stable order. */
  offset: number;
  /** The count computed on the first page, so later pages do not count again. */
  knownCount: number | undefined;
}

const skipTokenSchema = z.object({
  o: z.number().int().min(0),
  s: z.string().optional(),
  f: z.string().optional(),
  ob: z.string().optional(),
  q: z.string().optional(),
  e: z.boolean().optional(),
  t: z.number().int().min(1).max(999).optional(),
  a: z.boolean(),
  n: z.number().int().min(0).optional(),
});

/**
 * Reads `$select`, `$filter`, `$orderby`, `$search`, `$top`, `$count` and `$skiptoken`; any other
 * `$` option is refused (see `unsupportedQueryOption`). Without the `ConsistencyLevel: eventual`
 * header Graph silently ignores `$count=true`; `$top` outside 1..999 is Graph's 400.
 */
export function parseListQuery(
  request: GraphRequest,
  defaultTop: number,
): { ok: true; query: ListQuery } | { ok: false; reply: GraphReply } {
  const refused = unsupportedQueryOption(request.query, listOptions);
  if (refused) {
    return { ok: false, reply: refused };
  }
  const token = request.query.get('$skiptoken');
  if (token !== null) {
    return decodeSkipToken(token, defaultTop);
  }
  const rawTop = request.query.get('$top');
  let top = defaultTop;
  if (rawTop !== null) {
    const parsed = /^\s*\d+\s*$/.test(rawTop) ? Number(rawTop) : Number.NaN;
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 999) {
      return { ok: false, reply: graphErrors.invalidPageSize(rawTop) };
    }
    top = parsed;
  }
  const countRequested = request.query.get('$count')?.trim().toLowerCase() === 'true';
  return {
    ok: true,
    query: {
      select: request.query.get('$select') ?? undefined,
      filter: nonEmpty(request.query.get('$filter')),
      orderBy: nonEmpty(request.query.get('$orderby')),
      search: nonEmpty(request.query.get('$search')),
      eventual: wantsEventualConsistency(request),
      top,
      explicitTop: rawTop !== null,
      advanced: countRequested && wantsEventualConsistency(request),
      offset: 0,
      knownCount: undefined,
    },
  };
}

/** The opaque token of the next page: the whole query travels in it. */
export function encodeSkipToken(
  query: ListQuery,
  offset: number,
  count: number | undefined,
): string {
  const token: z.infer<typeof skipTokenSchema> = { o: offset, a: query.advanced };
  if (query.select !== undefined) {
    token.s = query.select;
  }
  if (query.filter !== undefined) {
    token.f = query.filter;
  }
  if (query.orderBy !== undefined) {
    token.ob = query.orderBy;
  }
  if (query.search !== undefined) {
    token.q = query.search;
  }
  if (query.eventual) {
    token.e = true;
  }
  if (query.explicitTop) {
    token.t = query.top;
  }
  if (count !== undefined) {
    token.n = count;
  }
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function decodeSkipToken(
  token: string,
  defaultTop: number,
): { ok: true; query: ListQuery } | { ok: false; reply: GraphReply } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reply: graphErrors.invalidSkipToken() };
  }
  const parsed = skipTokenSchema.safeParse(decoded);
  if (!parsed.success) {
    return { ok: false, reply: graphErrors.invalidSkipToken() };
  }
  const t = parsed.data;
  return {
    ok: true,
    query: {
      select: t.s,
      filter: t.f,
      orderBy: t.ob,
      search: t.q,
      eventual: t.e ?? false,
      top: t.t ?? defaultTop,
      explicitTop: t.t !== undefined,
      advanced: t.a,
      offset: t.o,
      knownCount: t.n,
    },
  };
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value.trim() === '' ? undefined : value;
}
