import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runBatch } from './batch.ts';
import { callerFromAuthorization } from './caller.ts';
import { handleControl } from './control/tenant-scope.ts';
import { graphErrors } from './graph-errors.ts';
import { runGraphRequest } from './graph-pipeline.ts';
import { normaliseQuery, type GraphRequest } from './graph-request.ts';
import { parseJsonBody, readBody } from './http-body.ts';
import { errorReply, type GraphReply } from './reply.ts';
import { respond, type RequestIds } from './respond.ts';
import type { SimulatorRuntime } from './runtime.ts';

const version = '/v1.0';
const control = '/_simulator';

/**
 * The simulator's request listener: `/v1.0/…` is Graph (bearer token required, throttled,
 * fault-injected, served by the tenant of the token's `tid`), `/_simulator/…` the control API. A bug in a handler becomes Graph's 500
 * without a stack trace; the detail goes to stderr.
 */
export function createRequestListener(runtime: SimulatorRuntime, baseUrl: () => string) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const requestId = randomUUID();
    const ids: RequestIds = {
      requestId,
      clientRequestId: headerValue(request, 'client-request-id') ?? requestId,
    };
    handle(runtime, baseUrl(), request)
      .then((reply) => respond(response, reply, ids))
      .catch((error: unknown) => {
        process.stderr.write(`simulator: request ${requestId} failed: ${String(error)}\n`);
        if (!response.headersSent) {
          respond(
            response,
            errorReply(500, 'generalException', 'General exception while processing.'),
            ids,
          );
        }
      });
  };
}

async function handle(
  runtime: SimulatorRuntime,
  baseUrl: string,
  request: IncomingMessage,
): Promise<GraphReply> {
  const url = new URL(request.url ?? '/', 'http://simulator.invalid');
  const method = (request.method ?? 'GET').toUpperCase();
  const raw = await readBody(request);
  if (raw === undefined) {
    return errorReply(413, 'RequestEntityTooLarge', 'The request body is too large.');
  }
  const body = parseJsonBody(raw);
  if (url.pathname === control || url.pathname.startsWith(`${control}/`)) {
    if (!body.ok) {
      return graphErrors.invalidJson();
    }
    return handleControl(runtime, method, url.pathname.slice(control.length) || '/', body.value);
  }
  if (url.pathname !== version && !url.pathname.startsWith(`${version}/`)) {
    return graphErrors.invalidVersion(url.pathname.split('/')[1] ?? '');
  }
  const claimed = callerFromAuthorization(
    headerValue(request, 'authorization'),
    runtime.tenant().organization().id,
  );
  if (!claimed) {
    return graphErrors.accessTokenEmpty();
  }
  // The token's tenant is the tenant served; Graph refuses a token for a tenant it cannot reach.
  const tenant = runtime.tenantById(claimed.tenantId);
  if (!tenant) {
    return graphErrors.invalidAudience();
  }
  // One spelling of the id, so throttle budgets do not split on the case of `tid`.
  const caller = { ...claimed, tenantId: tenant.organization().id };
  if (!body.ok) {
    return graphErrors.invalidJson();
  }
  const graphRequest: GraphRequest = {
    method,
    path: url.pathname.slice(version.length) || '/',
    query: normaliseQuery(url.searchParams),
    headers: lowerCaseHeaders(request),
    body: body.value,
    serviceRoot: `${baseUrl}${version}`,
  };
  if (method === 'POST' && graphRequest.path.replace(/\/+$/, '').toLowerCase() === '/$batch') {
    runtime.routes.record('POST /$batch');
    return runBatch(runtime, caller, graphRequest);
  }
  return runGraphRequest(runtime, caller, graphRequest);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
