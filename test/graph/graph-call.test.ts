import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGraph } from '../../src/graph/graph-call.ts';
import { createGraphClient } from '../../src/graph/graph-client.ts';

let server: Server;
let graphBaseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/v1.0/silent')) {
      return; // never answers
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"o1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graphBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = () =>
  createGraphClient({ graphBaseUrl, credential: { kind: 'staticToken', token: 't' } });

describe('callGraph', () => {
  it('answers with status and parsed body', async () => {
    const result = await callGraph(client(), { method: 'GET', path: '/organization' });
    expect(result).toMatchObject({ kind: 'response', status: 200, body: { id: 'o1' } });
  });

  it('gives up on a Graph that does not answer within the timeout, as a timeout', async () => {
    const started = performance.now();
    const result = await callGraph(client(), {
      method: 'GET',
      path: '/silent',
      timeoutMs: 100,
      sdkRetries: false,
    });
    expect(result).toMatchObject({ kind: 'noResponse', timedOut: true });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
