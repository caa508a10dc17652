import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LicensingError } from '../../src/domain/errors.ts';
import { UnexpectedGraphResponseError } from '../../src/graph/directory-records.ts';
import { createGraphClient } from '../../src/graph/graph-client.ts';
import { readCollection } from '../../src/graph/graph-read.ts';
import { startRecordingServer } from './support/recording-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

type Answer = (response: ServerResponse, base: string) => void;
const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
};
const page =
  (ids: string[], next?: number): Answer =>
  (response, base) =>
    json(response, 200, {
      value: ids.map((id) => ({ id })),
      ...(next === undefined ? {} : { '@odata.nextLink': `${base}/v1.0/items?$skiptoken=${next}` }),
    });

/** A collection served page by page: `pages[n]` answers `$skiptoken=n` (the first is 0). */
async function serve(pages: Answer[]) {
  const server = await startRecordingServer((request, response) => {
    const token = /skiptoken=(\d+)/.exec(request.url)?.[1] ?? '0';
    pages[Number(token)]!(response, server.url);
  });
  close = server.close;
  const client = createGraphClient({
    graphBaseUrl: `${server.url}/v1.0`,
    credential: { kind: 'staticToken', token: 't' },
  });
  return {
    server,
    read: (limit?: number) =>
      readCollection(client, { method: 'GET', path: '/items' }, { kind: 'tenant' }, limit),
  };
}

const ids = (items: unknown[]) => items.map((item) => (item as { id: string }).id);

describe('readCollection', () => {
  it('asks for the next page while the caller is still on the current one', async () => {
    const { server, read } = await serve([page(['a', 'b'], 1), page(['c'], 2), page(['d'])]);
    const items = read();

    expect(await items.next()).toEqual({ done: false, value: { id: 'a' } });
    // Only the first item was taken, yet page 2 is already on its way; page 3 is not.
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    expect(server.requests[1]!.url).toBe('/v1.0/items?$skiptoken=1');

    const rest: unknown[] = [];
    for await (const item of items) {
      rest.push(item);
    }
    expect(ids(rest)).toEqual(['b', 'c', 'd']);
    expect(server.requests).toHaveLength(3);
  });

  it('fails on a page read ahead only when the caller reaches that page', async () => {
    const { read } = await serve([
      page(['a', 'b'], 1),
      (response) =>
        json(response, 403, { error: { code: 'Authorization_RequestDenied', message: 'no' } }),
    ]);
    const items = read();
    const taken: unknown[] = [];
    const failure = await (async () => {
      try {
        for await (const item of items) {
          taken.push(item);
        }
      } catch (error: unknown) {
        return error;
      }
      return undefined;
    })();

    expect(ids(taken)).toEqual(['a', 'b']);
    expect(failure).toBeInstanceOf(LicensingError);
    expect((failure as LicensingError).failure.httpStatus).toBe(403);
  });

  it('drops the page read ahead when the caller stops early: no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { server, read } = await serve([
        page(['a', 'b'], 1),
        // Answered late and as a failure: nobody waits for it any more.
        (response) =>
          setTimeout(() => json(response, 403, { error: { code: 'Denied', message: 'no' } }), 50),
      ]);
      const items = read();
      expect(await items.next()).toEqual({ done: false, value: { id: 'a' } });
      // Page 2 is on the wire when the caller stops (as a `break` does).
      await vi.waitFor(() => expect(server.requests).toHaveLength(2));
      expect(await items.return(undefined)).toEqual({ done: true, value: undefined });
      await new Promise((resolve) => setTimeout(resolve, 120));

      expect(server.requests).toHaveLength(2);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('reads no page ahead that the limit cannot use', async () => {
    const { server, read } = await serve([page(['a', 'b'], 1), page(['c'])]);
    const taken: unknown[] = [];
    for await (const item of read(2)) {
      taken.push(item);
    }
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(ids(taken)).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a page without a value array as an unexpected Graph answer', async () => {
    const { read } = await serve([(response) => json(response, 200, { items: [] })]);

    await expect(read().next()).rejects.toBeInstanceOf(UnexpectedGraphResponseError);
  });
});
