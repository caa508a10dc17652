import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeHttpMessageHandler } from '../../src/graph/node-http-handler.ts';

let server: Server;
let base: string;
const seen: { method: string; url: string; body: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
      });
      if (req.url === '/slow') {
        return; // never answers: the caller's signal has to end it
      }
      if (req.url === '/bom') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}')]));
        return;
      }
      if (req.url === '/empty') {
        res.writeHead(204, { 'request-id': 'r-204' });
        res.end();
        return;
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, {
        'content-type': 'application/json',
        'set-cookie': ['a=1', 'b=2'],
      });
      res.end(JSON.stringify({ value: 'é ⚠', method: req.method }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function send(request: string | Request, options: RequestInit = {}): Promise<Response> {
  const context = { request, options } as unknown as Context & { response: Response };
  await new NodeHttpMessageHandler().execute(context);
  return context.response;
}

describe('NodeHttpMessageHandler', () => {
  it('sends the method, headers and body and answers a standard Response', async () => {
    const response = await send(`${base}/v1.0/$batch`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"requests":[]}',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: 'é ⚠', method: 'POST' });
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/v1.0/$batch',
      body: '{"requests":[]}',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    });
  });

  it('reads the body as text once, as a Response does (a leading BOM dropped)', async () => {
    const response = await send(`${base}/v1.0/users`);
    expect(await response.text()).toBe(JSON.stringify({ value: 'é ⚠', method: 'GET' }));
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(await (await send(`${base}/bom`)).text()).toBe('{"a":"é"}');
    expect(await (await send(`${base}/bom`)).json()).toEqual({ a: 'é' });
  });

  it('gives error statuses back as answers, and no body where HTTP has none', async () => {
    expect((await send(`${base}/missing`)).status).toBe(404);
    const empty = await send(`${base}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(empty.headers.get('request-id')).toBe('r-204');
  });

  it('rejects with the signal’s reason when it times out, as fetch does', async () => {
    const sending = send(`${base}/slow`, { signal: AbortSignal.timeout(50) });
    await expect(sending).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('leaves a Request object or a streamed body to fetch', async () => {
    const response = await send(new Request(`${base}/as-request`, { method: 'PUT', body: 'x' }));
    expect(response.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: '/as-request', body: 'x' });
  });
});
