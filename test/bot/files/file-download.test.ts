import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFileDownloads } from '../../../src/bot/files/file-download.ts';
import { ONEDRIVE_UPLOAD_TARGETS } from '../../../src/bot/files/upload-targets.ts';

const loopback = { ...ONEDRIVE_UPLOAD_TARGETS, loopbackHttp: true };

let server: Server;
let base: string;

const routes: Record<string, (response: ServerResponse) => void> = {
  '/prices.csv': (response) => {
    response.writeHead(200, { 'content-type': 'text/csv' });
    response.end('\ufeffSkuPartNumber,MonthlyPrice,Currency\nSPE_E5,57,USD\n');
  },
  '/moved': (response) => {
    response.writeHead(302, { location: '/prices.csv' });
    response.end();
  },
  '/away': (response) => {
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
    response.end();
  },
  '/loop': (response) => {
    response.writeHead(302, { location: '/loop' });
    response.end();
  },
  '/declared-big': (response) => {
    response.writeHead(200, { 'content-length': String(2_000) });
    response.end('x'.repeat(2_000));
  },
  '/streamed-big': (response) => {
    // Chunked, no length: the cap has to be kept while reading.
    response.writeHead(200);
    for (let i = 0; i < 20; i += 1) {
      response.write('x'.repeat(100));
    }
    response.end();
  },
  '/slow': () => {
    // Never answers.
  },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = routes[request.url ?? ''];
    if (route) {
      route(response);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('reading a file someone sent', () => {
  const downloads = httpFileDownloads({ hosts: loopback, maxBytes: 1_000, timeoutMs: 500 });

  it('reads its text, without the byte order mark, following a redirect on an allowed host', async () => {
    const expected = 'SkuPartNumber,MonthlyPrice,Currency\nSPE_E5,57,USD\n';
    expect(await downloads.readText(`${base}/prices.csv`)).toEqual({ ok: true, value: expected });
    expect(await downloads.readText(`${base}/moved`)).toEqual({ ok: true, value: expected });
  });

  it('refuses a host outside OneDrive, also when a redirect leads there, before fetching it', async () => {
    const production = httpFileDownloads({ hosts: ONEDRIVE_UPLOAD_TARGETS });
    expect(await production.readText(`${base}/prices.csv`)).toMatchObject({
      ok: false,
      failure: { code: 'FILE_HOST_NOT_ALLOWED' },
    });
    expect(await downloads.readText(`${base}/away`)).toMatchObject({
      ok: false,
      failure: { code: 'FILE_HOST_NOT_ALLOWED' },
    });
  });

  it('refuses a file over the cap, whether it says its length or not', async () => {
    for (const path of ['/declared-big', '/streamed-big']) {
      expect(await downloads.readText(`${base}${path}`)).toMatchObject({
        ok: false,
        failure: { code: 'FILE_TOO_LARGE' },
      });
    }
  });

  it('gives up on an error, endless redirects and a server that does not answer', async () => {
    expect(await downloads.readText(`${base}/gone`)).toMatchObject({
      ok: false,
      failure: { code: 'FILE_DOWNLOAD_FAILED', message: expect.stringContaining('HTTP 404') },
    });
    expect(await downloads.readText(`${base}/loop`)).toMatchObject({
      ok: false,
      failure: { message: expect.stringContaining('too many redirects') },
    });
    expect(await downloads.readText(`${base}/slow`)).toMatchObject({
      ok: false,
      failure: { message: expect.stringContaining('it took too long') },
    });
  });
});
