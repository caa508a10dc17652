import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGraph } from '../../src/graph/graph-call.ts';
import { createGraphClient } from '../../src/graph/graph-client.ts';
import { graphPathTemplate } from '../../src/graph/graph-path-template.ts';
import { inMemoryTelemetry } from './in-memory-telemetry.ts';

const memory = inMemoryTelemetry();
let server: Server;
let graphBaseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const ids = { 'request-id': 'req-1', 'client-request-id': 'client-1' };
    if (req.url?.startsWith('/v1.0/users/megan%40contoso.com/assignLicense')) {
      res.writeHead(429, { ...ids, 'retry-after': '3', 'content-type': 'application/json' });
      res.end('{"error":{"code":"TooManyRequests","message":"slow down"}}');
      return;
    }
    res.writeHead(200, { ...ids, 'content-type': 'application/json' });
    res.end('{"value":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graphBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = () =>
  createGraphClient(
    { graphBaseUrl, credential: { kind: 'staticToken', token: 't' } },
    memory.telemetry,
  );

describe('Graph dependency spans', () => {
  it("name the call by method and path template, with the status and Graph's request ids", async () => {
    await callGraph(client(), {
      method: 'GET',
      path: '/users/4f1c2b3a-0000-4000-8000-00000000aaaa/licenseDetails',
      query: { $filter: "displayName eq 'Megan Bowen'" },
    });
    const span = memory.spans().at(-1);
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.name).toBe('GET /users/{id}/licenseDetails');
    expect(span?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.template': '/users/{id}/licenseDetails',
      'http.response.status_code': 200,
      'graph.request_id': 'req-1',
      'graph.client_request_id': 'client-1',
    });
    expect(JSON.stringify(span?.attributes)).not.toMatch(/Megan|4f1c2b3a/);
  });

  it('mark a throttled call failed, with its Retry-After as an event and a throttling wait', async () => {
    await callGraph(client(), {
      method: 'POST',
      path: '/users/megan%40contoso.com/assignLicense',
      body: { addLicenses: [], removeLicenses: [] },
      sdkRetries: false,
    });
    const span = memory.spans().at(-1);
    expect(span?.name).toBe('POST /users/{id}/assignLicense');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.events.map((event) => [event.name, event.attributes])).toEqual([
      ['retry-after', { 'retry_after.ms': 3000, status: 429 }],
    ]);
    const [waits] = await memory.points('license_desk.throttling.wait_ms');
    expect(waits?.attributes).toEqual({ service: 'graph', status: 429 });
    expect(waits?.value).toMatchObject({ count: 1, sum: 3000 });
  });
});

describe('graphPathTemplate', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0/users?$filter=x', '/users'],
    ['https://graph.microsoft.com/v1.0/users/alex@contoso.com', '/users/{id}'],
    [
      'https://graph.microsoft.com/v1.0/users/00000000-0000-0000-0000-0000000000020/memberOf',
      '/users/{id}/memberOf',
    ],
    ['https://graph.microsoft.com/v1.0/users/$count', '/users/$count'],
    [
      'https://graph.microsoft.com/v1.0/groups/g1/members/microsoft.graph.user',
      '/groups/{id}/members/microsoft.graph.user',
    ],
    [
      'https://graph.microsoft.com/v1.0/groups/abc/members/def/$ref',
      '/groups/{id}/members/{id}/$ref',
    ],
    ['https://graph.microsoft.com/v1.0/$batch', '/$batch'],
    ['https://graph.microsoft.com/v1.0/subscribedSkus', '/subscribedSkus'],
    [
      'https://graph.microsoft.com/v1.0/directory/subscriptions/s-1',
      '/directory/subscriptions/{id}',
    ],
  ])('%s is %s', (url, template) => {
    expect(graphPathTemplate(url)).toBe(template);
  });
});
