import type { Client } from '@microsoft/microsoft-graph-client';
import { LicensingError } from '../domain/errors.ts';
import { callGraph, type GraphCall } from './graph-call.ts';
import { graphErrorDetails } from './graph-error-body.ts';
import { mapGraphError, mapNoResponse, type FailureSubject } from './graph-error-mapper.ts';
import { collectionPage } from './directory-records.ts';

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

/**
 * The items of a Graph collection, page by page, fetched only as the caller iterates: breaking
 * out of the loop (or reaching `limit`) stops the paging.
 */
export async function* readCollection(
  client: Client,
  first: GraphCall,
  subject: FailureSubject,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<unknown> {
  let call: GraphCall | undefined = first;
  let yielded = 0;
  while (call !== undefined && yielded < limit) {
    const body = await readGraph(client, call, subject);
    const page = collectionPage.parse(body);
    for (const item of page.value) {
      yield item;
      yielded += 1;
      if (yielded >= limit) {
        return;
      }
    }
    const next = page['@odata.nextLink'];
    call =
      next === undefined
        ? undefined
        : {
            method: 'GET',
            path: relativeToVersion(next),
            ...(first.headers ? { headers: first.headers } : {}),
          };
  }
}
