import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Caller } from './caller.ts';
import { runGraphRequest } from './graph-pipeline.ts';
import { normaliseQuery, type GraphRequest } from './graph-request.ts';
import { errorReply, isGraphErrorBody, withInnerError, type GraphReply } from './reply.ts';
import type { SimulatorRuntime } from './runtime.ts';

/** Graph's documented cap on requests in one JSON batch. */
export const maxBatchRequests = 20;

const innerRequestSchema = z.object({
  id: z.string().min(1),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.string()).optional(),
});
const batchSchema = z.object({ requests: z.array(innerRequestSchema) });
type InnerRequest = z.infer<typeof innerRequestSchema>;

const jsonContentType =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * `POST /$batch`: at most 20 requests with unique ids, version-relative URLs and optional
 * `dependsOn`. Each request is throttled and fault-checked on its own and answered with its own
 * status, headers and body; one that depends on a failed request gets 424. The batch itself is
 * 200 once it parses. Independent requests run concurrently, as Graph runs them.
 */
export async function runBatch(
  runtime: SimulatorRuntime,
  caller: Caller,
  outer: GraphRequest,
): Promise<GraphReply> {
  const parsed = batchSchema.safeParse(outer.body);
  if (!parsed.success) {
    return errorReply(400, 'BadRequest', 'Invalid batch payload format.');
  }
  const requests = parsed.data.requests;
  const invalid = validateBatch(requests);
  if (invalid) {
    return invalid;
  }
  const connection = runtime.faults.nextConnection();
  if (connection.drop && !connection.afterProcessing) {
    return { status: 0, drop: true };
  }
  const pending = new Map<string, Promise<GraphReply>>();
  const run = (inner: InnerRequest): Promise<GraphReply> => {
    const key = inner.id.toLowerCase();
    const existing = pending.get(key);
    if (existing) {
      return existing;
    }
    const started = (async (): Promise<GraphReply> => {
      const dependencies = (inner.dependsOn ?? []).map((id) => {
        const dependency = requests.find(
          (r) => r.id.toLowerCase() === id.toLowerCase(),
        ) as InnerRequest;
        return run(dependency);
      });
      const settled = await Promise.all(dependencies);
      if (settled.some((reply) => reply.drop)) {
        return { status: 0, drop: true };
      }
      if (settled.some((reply) => reply.status < 200 || reply.status >= 300)) {
        return errorReply(
          424,
          'FailedDependency',
          'The request was not run because a request it depends on failed.',
        );
      }
      return runGraphRequest(runtime, caller, innerGraphRequest(inner, outer));
    })();
    pending.set(key, started);
    return started;
  };
  const replies = await Promise.all(requests.map((inner) => run(inner)));
  if (connection.drop) {
    // The requests ran, then the connection dropped: the client sees no answer at all.
    return { status: 0, drop: true };
  }
  const now = new Date();
  return {
    status: 200,
    body: {
      responses: requests.map((inner, i) => innerResponse(inner.id, replies[i] as GraphReply, now)),
    },
  };
}

function validateBatch(requests: readonly InnerRequest[]): GraphReply | undefined {
  if (requests.length === 0) {
    return errorReply(400, 'BadRequest', 'Invalid batch payload format.');
  }
  if (requests.length > maxBatchRequests) {
    // Worded as Microsoft's SDKs word the same limit (Graph answers 400 before running any).
    return errorReply(
      400,
      'BadRequest',
      `Number of batch request steps exceeds the maximum value of ${maxBatchRequests}.`,
    );
  }
  // Ids are not case-sensitive: "a" and "A" collide, as Graph answers.
  const ids = new Set<string>();
  for (const request of requests) {
    const key = request.id.toLowerCase();
    if (ids.has(key)) {
      return errorReply(400, 'BadRequest', `Request Id ${request.id} has to be unique in a batch.`);
    }
    ids.add(key);
  }
  for (const request of requests) {
    for (const dependency of request.dependsOn ?? []) {
      if (!ids.has(dependency.toLowerCase())) {
        return errorReply(
          400,
          'BadRequest',
          `Request '${request.id}' depends on '${dependency}', which is not in the batch.`,
        );
      }
    }
    if (request.body !== undefined && !hasHeader(request.headers, 'content-type')) {
      return errorReply(
        400,
        'BadRequest',
        `Write request id : ${request.id} does not contain Content-Type header or body.`,
      );
    }
  }
  if (hasCycle(requests)) {
    return errorReply(400, 'BadRequest', 'The dependsOn references of the batch form a cycle.');
  }
  return undefined;
}

function hasCycle(requests: readonly InnerRequest[]): boolean {
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(requests.map((r) => [r.id.toLowerCase(), r]));
  const visit = (id: string): boolean => {
    const mark = state.get(id);
    if (mark === 'done') {
      return false;
    }
    if (mark === 'visiting') {
      return true;
    }
    state.set(id, 'visiting');
    const cyclic = (byId.get(id)?.dependsOn ?? []).some((d) => visit(d.toLowerCase()));
    state.set(id, 'done');
    return cyclic;
  };
  return requests.some((r) => visit(r.id.toLowerCase()));
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name);
}

/**
 * Inner URLs are relative to the version (`/users/x`, or `users/x`). An absolute URL or one
 * that repeats `/v1.0` names a segment Graph does not know, and fails like it.
 */
function innerGraphRequest(inner: InnerRequest, outer: GraphRequest): GraphRequest {
  const relative = inner.url.startsWith('/') ? inner.url : `/${inner.url}`;
  const url = new URL(relative, 'http://batch.invalid');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(inner.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  return {
    method: inner.method.toUpperCase(),
    path: url.pathname,
    query: normaliseQuery(url.searchParams),
    headers,
    body: inner.body,
    inBatch: true,
    serviceRoot: outer.serviceRoot,
  };
}

function innerResponse(id: string, reply: GraphReply, now: Date): Record<string, unknown> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
  if (reply.body !== undefined) {
    headers['Content-Type'] = typeof reply.body === 'string' ? 'text/plain' : jsonContentType;
  }
  Object.assign(headers, reply.headers);
  const response: Record<string, unknown> = { id, status: reply.status, headers };
  if (reply.body !== undefined) {
    const requestId = randomUUID();
    response['body'] = isGraphErrorBody(reply.body)
      ? withInnerError(reply.body, { requestId, clientRequestId: requestId }, now)
      : reply.body;
  }
  return response;
}
