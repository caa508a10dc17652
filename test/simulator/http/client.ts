import type { RunningSimulator } from '../../../src/simulator/index.ts';

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
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
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
  let body: any = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Calls the control API. */
export async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sim.url}/_simulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Graph's error envelope with the request's ids. */
export function expectGraphError(
  response: { status: number; headers: Headers; body: any },
  status: number,
  code: string,
): void {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  const error = response.body?.error;
  if (!error || error.code !== code || typeof error.message !== 'string' || error.message === '') {
    throw new Error(`expected error code ${code}, got ${JSON.stringify(response.body)}`);
  }
  const inner = error.innerError;
  if (
    inner?.['request-id'] !== response.headers.get('request-id') ||
    inner?.['client-request-id'] !== response.headers.get('client-request-id') ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(inner?.date ?? '')
  ) {
    throw new Error(
      `innerError does not carry the request's ids: ${JSON.stringify(response.body)}`,
    );
  }
}
