import {
  ResponseType,
  RetryHandlerOptions,
  type Client,
  type GraphRequest,
} from '@microsoft/microsoft-graph-client';

/** One Graph request, described as data so every adapter method sends it the same way. */
export interface GraphCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path relative to the version, with ids already encoded: `/users/abc/assignLicense`. */
  path: string;
  /** Query options; values are percent-encoded here, so OData literals may hold `&`, `#` or `+`. */
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** False turns the SDK's retry handler off (the batch writer retries on its own clock). */
  sdkRetries?: boolean;
  timeoutMs?: number;
  /** Gives the request up (a page read ahead that nobody will take): answered as no response. */
  signal?: AbortSignal;
}

/** What came back: an HTTP answer of any status, or no answer at all. */
export type GraphCallResult =
  | { kind: 'response'; status: number; headers: Headers; body: unknown }
  | { kind: 'noResponse'; timedOut: boolean; error: unknown };

const DEFAULT_TIMEOUT_MS = 120_000;

/** Builds `path?$a=…&b=…` with each value percent-encoded (the SDK joins values as given). */
export function withQuery(path: string, query: GraphCall['query']): string {
  const parts = Object.entries(query ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

/**
 * Sends one request through the SDK client and returns the raw answer: status, headers and parsed
 * body, whatever the status, so one mapper turns failures into the admin's words.
 */
export async function callGraph(client: Client, call: GraphCall): Promise<GraphCallResult> {
  // A timer cleared as soon as the answer is read: `AbortSignal.timeout` keeps its timer, a weak
  // reference and a finalizer for the whole timeout, a cost every Graph read paid.
  const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  timer.unref();
  const giveUp = (): void => controller.abort(call.signal?.reason);
  if (call.signal?.aborted === true) {
    giveUp();
  }
  call.signal?.addEventListener('abort', giveUp, { once: true });
  try {
    return await callGraphWithin(client, call, controller.signal);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', giveUp);
  }
}

async function callGraphWithin(
  client: Client,
  call: GraphCall,
  signal: AbortSignal,
): Promise<GraphCallResult> {
  let request: GraphRequest = client
    .api(withQuery(call.path, call.query))
    .responseType(ResponseType.RAW)
    .option('signal', signal);
  if (call.headers !== undefined) {
    request = request.headers(call.headers);
  }
  if (call.sdkRetries === false) {
    request = request.middlewareOptions([new RetryHandlerOptions(0, 0)]);
  }
  let response: unknown;
  try {
    response = await send(request, call);
  } catch (error: unknown) {
    return { kind: 'noResponse', timedOut: isTimeout(error), error };
  }
  if (!(response instanceof Response)) {
    return { kind: 'noResponse', timedOut: false, error: new Error('Graph gave no HTTP response') };
  }
  try {
    return {
      kind: 'response',
      status: response.status,
      headers: response.headers,
      body: await readBody(response),
    };
  } catch (error: unknown) {
    // The connection dropped while the body was on its way.
    return { kind: 'noResponse', timedOut: isTimeout(error), error };
  }
}

function send(request: GraphRequest, call: GraphCall): Promise<unknown> {
  switch (call.method) {
    case 'GET':
      return request.get();
    case 'POST':
      return request.post(call.body ?? {});
    case 'PATCH':
      return request.patch(call.body ?? {});
    case 'DELETE':
      return request.delete();
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // `$count` answers text/plain; anything else unparseable is kept for the error mapper.
    return text;
  }
}

function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const named = error as { name?: unknown; code?: unknown };
  return named.name === 'TimeoutError' || named.code === 'TimeoutError';
}
