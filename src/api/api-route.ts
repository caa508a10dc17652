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
}

/** One documented answer of a route, for the OpenAPI document. */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
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
  responses: Record<number, RouteResponse>;
  handle(input: RouteInput<unknown, unknown, unknown>): Promise<ApiAnswer>;
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
