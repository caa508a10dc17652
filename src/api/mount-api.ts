import type { Next, Request, Response, Server } from 'restify';
import type { z } from 'zod';
import type { Logger } from '../app/ports/logger.ts';
import type { ApiAnswer, ApiRoute } from './api-route.ts';
import type { ApiCaller } from './auth/api-caller.ts';
import { ROLES_GRANTING } from './auth/api-roles.ts';
import { ApiProblem, problemHeaders, toProblem, type FieldProblem } from './problem.ts';
import type { RateLimiter } from './rate-limit.ts';
import { requestFingerprint } from './fingerprint.ts';
import { API_CSV_BODY_LIMIT_BYTES, readBody } from './request-body.ts';

/** What the API needs to serve its routes. */
export interface ApiHost {
  routes: readonly ApiRoute[];
  /** Verifies the `Authorization` header (see `verifyBearer`). */
  authenticate(header: string | undefined): Promise<ApiCaller>;
  rateLimit: RateLimiter;
  /** The largest JSON body. */
  bodyLimitBytes: number;
  /** The largest CSV body, on the routes that take one (default `API_CSV_BODY_LIMIT_BYTES`). */
  csvBodyLimitBytes?: number;
  /** Public documents served without a token: the OpenAPI document, the local issuer's keys. */
  documents: Record<string, unknown>;
  logger: Logger;
  /** Counts a request in flight for the server's drain (see `RunningBotServer.track`). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Wraps each route's handling, given its path template (a request span when telemetry is on). */
  instrument?: (route: string, handle: RouteHandler) => RouteHandler;
}

/** How restify hands a request to a route. */
export type RouteHandler = (req: Request, res: Response) => Promise<void>;

const send = (res: Response, answer: ApiAnswer, contentType = 'application/json'): void => {
  res.writeHead(answer.status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    ...answer.headers,
  });
  // A route answering text (a CSV) names its Content-Type and gives the text as it is.
  const text = typeof answer.body === 'string' && answer.headers?.['Content-Type'] !== undefined;
  res.end(
    answer.status === 204
      ? undefined
      : text
        ? (answer.body as string)
        : JSON.stringify(answer.body),
  );
};

const validate = (schema: z.ZodType | undefined, value: unknown, part: string): unknown => {
  if (schema === undefined) {
    return value;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    return parsed.data;
  }
  const errors: FieldProblem[] = parsed.error.issues.map((issue) => ({
    field: issue.path.length === 0 ? part : issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ApiProblem(
    400,
    'VALIDATION_FAILED',
    'Bad request',
    errors.map((error) => `${error.field}: ${error.message}`).join('; '),
    { errors },
  );
};

const headersOf = (req: Request): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );

/**
 * Puts the API's routes on the server. Every request goes one way: the token verified, the
 * caller's rate counted, the role checked, path, query, headers and body validated with the
 * route's schemas, the handler run; any error becomes problem details here and nowhere else.
 */
export function mountApi(server: Server, host: ApiHost): void {
  const track = host.track ?? (<T>(work: () => Promise<T>) => work());
  for (const [path, document] of Object.entries(host.documents)) {
    server.get(path, (_req: Request, res: Response, next: Next) => {
      send(res, { status: 200, body: document });
      next();
    });
  }
  for (const route of host.routes) {
    const handle: RouteHandler = async (req, res) => {
      await track(async () => {
        const url = new URL(req.url ?? '/', 'http://api');
        let bodyRead = route.body === undefined;
        try {
          const who = await host.authenticate(req.headers.authorization);
          host.rateLimit.take(`${who.caller.tenantId}:${who.kind}:${who.caller.userId}`);
          if (!ROLES_GRANTING[route.permission].some((role) => who.roles.has(role))) {
            throw new ApiProblem(
              403,
              'ROLE_MISSING',
              'Forbidden',
              `This needs one of the app roles ${ROLES_GRANTING[route.permission].join(', ')}.`,
            );
          }
          const params = validate(route.params, { ...(req.params as object) }, 'path');
          const rawQuery = Object.fromEntries(url.searchParams);
          const headers = headersOf(req);
          for (const [name, header] of Object.entries(route.headers ?? {})) {
            validate(header.schema, headers[name.toLowerCase()], name);
          }
          if (route.body === undefined) {
            const query = validate(route.query, rawQuery, 'query');
            const fingerprint = requestFingerprint({ params, query });
            send(
              res,
              await route.handle({ who, params, query, body: undefined, headers, fingerprint }),
            );
            return;
          }
          const read = await readBody(req, {
            jsonBytes: host.bodyLimitBytes,
            ...(route.csv ? { csvBytes: host.csvBodyLimitBytes ?? API_CSV_BODY_LIMIT_BYTES } : {}),
          });
          bodyRead = true;
          if (read.kind === 'csv' && route.csv) {
            // A CSV says whom; the query says the change a JSON body would.
            const options = validate(route.csv.query, rawQuery, 'query');
            const fingerprint = requestFingerprint({ params, options, csv: read.text });
            const csv = { text: read.text, options };
            send(
              res,
              await route.handle({
                who,
                params,
                query: {},
                body: undefined,
                headers,
                fingerprint,
                csv,
              }),
            );
            return;
          }
          const query = validate(route.query, rawQuery, 'query');
          const body = validate(route.body, read.kind === 'json' ? read.value : undefined, 'body');
          const fingerprint = requestFingerprint({ params, query, body });
          send(res, await route.handle({ who, params, query, body, headers, fingerprint }));
        } catch (error) {
          const problem = toProblem(error, url.pathname);
          if (problem.status >= 500) {
            host.logger.error({ err: error, instance: problem.instance }, 'api request failed');
          }
          // A body left unread cannot be skipped safely: the connection is not reused.
          send(
            res,
            {
              status: problem.status,
              body: problem,
              headers: { ...problemHeaders(error), ...(bodyRead ? {} : { Connection: 'close' }) },
            },
            'application/problem+json',
          );
        }
      });
    };
    const instrumented = host.instrument?.(route.path, handle) ?? handle;
    // Restify takes a handler without `next` only when it is an async function.
    server[route.method === 'delete' ? 'del' : route.method](
      route.path,
      async (req: Request, res: Response) => instrumented(req, res),
    );
  }
}
