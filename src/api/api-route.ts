import type { z } from 'zod';
import type { ApiCaller } from './auth/api-caller.ts';
import type { ApiPermission } from './auth/api-roles.ts';

/** What a route answers when it did what was asked. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request as a route's handler gets it: the caller verified, every part validated. */
export interface RouteInput<P, Q, B> {
  who: ApiCaller;
  params: P;
  query: Q;
  body: B;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  /**
   * The request's hash (path, query and body, keys sorted): what an `Idempotency-Key` is bound
   * to, so the same key with another request is refused.
   */
  fingerprint: string;
  /** Absent: the body was JSON (or there is none). */
  csv?: undefined;
}

/** A request whose body came as `text/csv`: the text, and the options its query gave. */
export type CsvRouteInput<P, Q, C> = Omit<RouteInput<P, Q, undefined>, 'csv'> & {
  csv: { text: string; options: C };
};

/** How a route also takes its selection as a CSV body, with the change in its query. */
export interface CsvBody {
  /** The query of a CSV request: what a JSON body says besides whom. */
  query: z.ZodType;
  description: string;
}

/** One documented answer of a route, for the OpenAPI document. */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
  /** Set: the same answer also comes as `text/csv` when asked for (`Accept`); what it holds. */
  csv?: string;
}

/**
 * One entry of the API's route table: method, restify path, what the caller must be allowed,
 * the zod schemas of its parts (validation, types and the OpenAPI document at once) and the
 * handler, which calls use cases and nothing else.
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  /** Restify syntax: `/api/identity/users/:id/licenses`. */
  path: string;
  operationId: string;
  summary: string;
  permission: ApiPermission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Request headers the route reads, with their schemas (e.g. `Idempotency-Key`). */
  headers?: Record<string, { schema: z.ZodType; description: string }>;
  /** Set: the body may also be `text/csv` (only these routes take one; others answer 415). */
  csv?: CsvBody;
  responses: Record<number, RouteResponse>;
  handle(
    input: RouteInput<unknown, unknown, unknown> | CsvRouteInput<unknown, unknown, unknown>,
  ): Promise<ApiAnswer>;
}

/** A route whose handler is typed from its schemas. */
export function defineRoute<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
>(
  route: Omit<ApiRoute, 'handle' | 'params' | 'query' | 'body'> & {
    params?: P;
    query?: Q;
    body?: B;
    handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<ApiAnswer>;
  },
): ApiRoute {
  return route;
}

/** A route whose body is JSON (`body`) or a CSV (`csv.query` validating its query). */
export function defineCsvRoute<
  B extends z.ZodType,
  C extends z.ZodType,
  P extends z.ZodType = z.ZodType<Record<string, never>>,
>(
  route: Omit<ApiRoute, 'handle' | 'params' | 'query' | 'body' | 'csv'> & {
    params?: P;
    body: B;
    csv: { query: C; description: string };
    handle(
      input:
        | RouteInput<z.output<P>, Record<string, never>, z.output<B>>
        | CsvRouteInput<z.output<P>, Record<string, never>, z.output<C>>,
    ): Promise<ApiAnswer>;
  },
): ApiRoute {
  return route;
}
