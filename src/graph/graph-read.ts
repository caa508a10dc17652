import type { Client } from '@microsoft/microsoft-graph-client';
import { LicensingError } from '../domain/errors.ts';
import { callGraph, type GraphCall } from './graph-call.ts';
import { graphErrorDetails } from './graph-error-body.ts';
import { mapGraphError, mapNoResponse, type FailureSubject } from './graph-error-mapper.ts';
import { toCollectionPage } from './directory-records.ts';

/** A successful answer's body, or null for 404 when the caller asked for "maybe". */
export async function readGraph(
  client: Client,
  call: GraphCall,
  subject: FailureSubject,
): Promise<unknown> {
  const result = await callGraph(client, call);
  if (result.kind === 'noResponse') {
    throw new LicensingError(mapNoResponse(result.timedOut), { cause: result.error });
  }
  if (result.status >= 200 && result.status < 300) {
    return result.body;
  }
  const details = graphErrorDetails(result.status, result.headers, result.body, Date.now());
  throw new LicensingError(mapGraphError(details, subject));
}

/** Like `readGraph`, but "not found" is an answer (null), not an error. */
export async function readGraphOrNull(
  client: Client,
  call: GraphCall,
  subject: FailureSubject,
): Promise<unknown> {
  try {
    return await readGraph(client, call, subject);
  } catch (error: unknown) {
    if (error instanceof LicensingError && error.failure.httpStatus === 404) {
      return null;
    }
    throw error;
  }
}

/**
 * `@odata.nextLink` is absolute (and, from the simulator, points at its own host): keep only the
 * part after the version so the request goes through the client like any other.
 */
export function relativeToVersion(nextLink: string): string {
  const url = new URL(nextLink);
  const path = url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, '');
  return `${path}${url.search}`;
}

/** The read of the page a `@odata.nextLink` names, with the first request's headers. */
function nextPageCall(first: GraphCall, nextLink: string, signal: AbortSignal): GraphCall {
  return {
    method: 'GET',
    path: relativeToVersion(nextLink),
    ...(first.headers ? { headers: first.headers } : {}),
    signal,
  };
}

/**
 * The items of a Graph collection, page by page. Paging is sequential (each page names the
 * next), so the next page is asked for as soon as the current one is read, while the caller
 * works through its items: one page ahead at most, and only when `limit` may still need it.
 * The read ahead fails (if it does) when the caller reaches it; a caller that stops early
 * (break, or `limit` reached) has it aborted and its outcome dropped.
 */
export async function* readCollection(
  client: Client,
  first: GraphCall,
  subject: FailureSubject,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<unknown> {
  if (limit <= 0) {
    return;
  }
  const abandon = new AbortController();
  let pending: Promise<unknown> | undefined = readGraph(client, first, subject);
  let yielded = 0;
  try {
    while (pending !== undefined) {
      const page = toCollectionPage(await pending);
      pending = undefined;
      const next = page['@odata.nextLink'];
      if (next !== undefined && yielded + page.value.length < limit) {
        pending = readGraph(client, nextPageCall(first, next, abandon.signal), subject);
        // Handled here so an abandoned read is no unhandled rejection; awaited above it throws.
        pending.catch(() => undefined);
      }
      const items: unknown[] = page.value;
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        // Let go of each item as it is handed over: the page's other items are no reason to keep
        // it (a page of 999 users waits in memory while its users are worked through).
        items[index] = undefined;
        yield item;
        yielded += 1;
        if (yielded >= limit) {
          return;
        }
      }
    }
  } finally {
    if (pending !== undefined) {
      abandon.abort(new DOMException('Nobody reads this page', 'AbortError'));
    }
  }
}
