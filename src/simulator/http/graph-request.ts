import type { Tenant } from '../tenant/tenant.ts';
import type { FilterCache } from './filter-cache.ts';

/** One Graph call, whether it came on its own or inside a `$batch`. */
export interface GraphRequest {
  method: string;
  /** Relative to the version: `/users/abc/assignLicense`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** Absolute URL of this server's `/v1.0`, for `@odata.nextLink`. */
  serviceRoot: string;
  /** A request inside a `$batch`: a lost backend answers it 504; only the batch's own connection drops. */
  inBatch?: boolean;
}

/** What a route handler works with. */
export interface GraphContext {
  tenant: Tenant;
  filters: FilterCache;
  request: GraphRequest;
}

/** Whether the caller asked for advanced queries with the `ConsistencyLevel: eventual` header. */
export function wantsEventualConsistency(request: GraphRequest): boolean {
  return request.headers['consistencylevel']?.trim().toLowerCase() === 'eventual';
}

/**
 * The query with system query options' names in lower case (`$Select` is `$select`, as OData
 * reads them case-insensitively); other parameters keep their spelling.
 */
export function normaliseQuery(query: URLSearchParams): URLSearchParams {
  const normalised = new URLSearchParams();
  for (const [name, value] of query) {
    normalised.append(name.startsWith('$') ? name.toLowerCase() : name, value);
  }
  return normalised;
}
