import type { RunningSimulator } from '../../../src/simulator/index.ts';

/** An item of a collection, with the fields the tests read. */
export interface Item {
  [key: string]: unknown;
  id: string;
  displayName: string;
  surname: string;
  skuId: string;
  skuPartNumber: string;
  '@odata.type': string;
}

/** One inner response of a `$batch`. */
export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: Body;
}

/** A Graph response body, loosely: the fields of pages, entities, errors and batches. */
export interface Body {
  [key: string]: unknown;
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Item[];
  responses: BatchResponse[];
  error: { code: string; message: string; innerError?: Record<string, string> };
  id: string;
  userPrincipalName: string;
  usageLocation: string | null;
  assignedLicenses: unknown;
  licenseProcessingState: unknown;
}

/** What a test reads from a Graph call. */
export interface GraphResponse {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

/** A control API response body, with the fields the tests read. */
export interface ControlBody {
  [key: string]: unknown;
  assignedLicenses: unknown;
  usageLocation: string | null;
  requests: { total: number; byRoute: Record<string, number> };
  error: { message: string };
}

/** Calls the simulator's Graph with a bearer token, as an app would. */
export async function graph(
  sim: RunningSimulator,
  path: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
): Promise<GraphResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== null) {
    headers['Authorization'] = `Bearer ${init.token ?? 'test-app'}`;
  }
  if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const url = path.startsWith('http') ? path : `${sim.graphBaseUrl}${path}`;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, body: body as Body, text };
}

/** Calls the control API. */
export async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: ControlBody }> {
  const response = await fetch(`${sim.url}/_simulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as ControlBody };
}

/** Graph's error envelope with the request's ids. */
export function expectGraphError(response: GraphResponse, status: number, code: string): void {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const error = response.body.error as GraphResponse['body']['error'] | undefined;
  if (!error || error.code !== code || typeof error.message !== 'string' || error.message === '') {
    throw new Error(`expected error code ${code}, got ${JSON.stringify(response.body)}`);
  }
  const inner = error.innerError ?? {};
  if (
    inner['request-id'] !== response.headers.get('request-id') ||
    inner['client-request-id'] !== response.headers.get('client-request-id') ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(inner['date'] ?? '')
  ) {
    throw new Error(
      `innerError does not carry the request's ids: ${JSON.stringify(response.body)}`,
    );
  }
}
