import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startBotServer, type RunningBotServer } from '../../src/server/http-server.ts';
import {
  MAX_UPLOAD_BYTES,
  UPLOAD_LINK_TTL_MS,
  UploadLinks,
  uploadLinksFor,
  type Upload,
} from '../../src/server/upload-links.ts';
import { recordingLogger, type LogLine } from '../support/recording-logger.ts';

const OWNER = { tenantId: 't1', userId: '00000000-0000-0000-0000-0000000000020' };
const PURPOSE = 'assign SPE_E5 from this file because new hires';
const CSV = '\uFEFFUserPrincipalName,LicenseSKU\r\nalex@contoso.com,SPE_E5\r\n';

/** A clock the test moves by hand. */
function handClock() {
  let now = Date.UTC(2026, 10, 23, 12);
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

let server: RunningBotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The bot's HTTP server on a free loopback port with upload links, and what they received. */
async function serve(
  onUpload: (upload: Upload) => Promise<string> = (upload) =>
    Promise.resolve(`Got ${upload.fileName}: 1 user.`),
  logs: LogLine[] = [],
) {
  const received: Upload[] = [];
  const clock = handClock();
  const links = new UploadLinks({
    clock,
    logger: recordingLogger(logs),
    onUpload: (upload) => {
      received.push(upload);
      return onUpload(upload);
    },
  });
  server = await startBotServer({
    port: 0,
    host: '127.0.0.1',
    messages: () => Promise.resolve(),
    readiness: [],
    logger: recordingLogger(),
    uploads: links,
  });
  links.serveAt(`${server.url}/`);
  return { links, clock, received };
}

const send = (url: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'new%20hires.csv', ...headers },
    body,
  });

describe('upload links', () => {
  it('are random one-time URLs on the bot server', async () => {
    const { links } = await serve();
    const first = links.offer(OWNER, PURPOSE);
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/[A-Za-z0-9_-]{43}$/);
    expect(links.offer(OWNER, PURPOSE)).not.toBe(first);
  });

  it('serve a plain page with a file input and a button, loading nothing from elsewhere', async () => {
    const { links } = await serve();
    const page = await fetch(links.offer(OWNER, 'assign <b>E5</b> from this file'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<input type="file"');
    expect(html).toContain('<button type="submit">Send</button>');
    expect(html).toContain("'Content-Type': 'text/csv'");
    expect(html).toContain('assign &lt;b&gt;E5&lt;/b&gt; from this file');
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });

  it("hand the file's text, its name and who it is from to the callback, and show its answer", async () => {
    const { links, received } = await serve();
    const url = links.offer(OWNER, PURPOSE);
    expect((await fetch(url)).status).toBe(200);
    const answer = await send(url, CSV);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await answer.text()).toBe('Got new hires.csv: 1 user.');
    expect(received).toEqual([
      { owner: OWNER, purpose: PURPOSE, text: CSV, fileName: 'new hires.csv' },
    ]);
  });

  it('name a file sent without a name, and never take a path for one', async () => {
    const { links, received } = await serve();
    await send(links.offer(OWNER, PURPOSE), CSV, { 'X-File-Name': '' });
    await send(links.offer(OWNER, PURPOSE), CSV, { 'X-File-Name': '..%2F..%2Fetc%2Fpasswd' });
    await send(links.offer(OWNER, PURPOSE), CSV, { 'X-File-Name': '%E0%A4%A' });
    expect(received.map((upload) => upload.fileName)).toEqual(['upload.csv', 'passwd', '%E0%A4%A']);
  });

  it('take one file each: a second use is told the link was used', async () => {
    const { links, received } = await serve();
    const url = links.offer(OWNER, PURPOSE);
    expect((await send(url, CSV)).status).toBe(200);
    for (const again of [await send(url, CSV), await fetch(url)]) {
      expect(again.status).toBe(410);
      expect(await again.text()).toBe(
        'This upload link was already used: ask License Desk for a new one.',
      );
    }
    expect(received).toHaveLength(1);
  });

  it('expire after fifteen minutes', async () => {
    const { links, clock, received } = await serve();
    const early = links.offer(OWNER, PURPOSE);
    const late = links.offer(OWNER, PURPOSE);
    clock.advance(UPLOAD_LINK_TTL_MS - 1);
    expect((await fetch(early)).status).toBe(200);
    expect((await send(early, CSV)).status).toBe(200);
    clock.advance(1);
    for (const answer of [await fetch(late), await send(late, CSV)]) {
      expect(answer.status).toBe(410);
      expect(await answer.text()).toContain('expired');
    }
    expect(received).toHaveLength(1);
  });

  it('answer 404 for a token never offered', async () => {
    await serve();
    const answer = await fetch(`${server!.url}/uploads/made-up`);
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe(
      'This upload link is unknown: ask License Desk for a new one.',
    );
    expect((await send(`${server!.url}/uploads/made-up`, CSV)).status).toBe(404);
  });

  it('refuse a file over 5 MB with a clear message, and keep the link for a smaller one', async () => {
    const { links, received } = await serve();
    const url = links.offer(OWNER, PURPOSE);
    const big = await send(url, Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a'));
    expect(big.status).toBe(413);
    expect(await big.text()).toBe(
      'That file is over 5 MB: send a smaller one (split the list if need be).',
    );
    expect((await send(url, Buffer.alloc(MAX_UPLOAD_BYTES, 'a'))).status).toBe(200);
    expect(received.map((upload) => upload.text.length)).toEqual([MAX_UPLOAD_BYTES]);
  });

  it('refuse a file over 5 MB sent without a length, counting as it arrives', async () => {
    const { links, received } = await serve();
    const target = new URL(links.offer(OWNER, PURPOSE));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 6; i += 1) {
        req.write(chunk);
      }
      req.end();
    });
    expect(status).toBe(413);
    expect(received).toEqual([]);
  });

  it('take only text/csv', async () => {
    const { links, received } = await serve();
    const url = links.offer(OWNER, PURPOSE);
    const answer = await send(url, CSV, { 'Content-Type': 'multipart/form-data; boundary=x' });
    expect(answer.status).toBe(415);
    expect((await send(url, CSV, { 'Content-Type': 'text/csv; charset=utf-8' })).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('answer 405 to other methods', async () => {
    const { links } = await serve();
    const url = links.offer(OWNER, PURPOSE);
    expect((await fetch(url, { method: 'PUT', body: CSV })).status).toBe(405);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(url)).status).toBe(200);
  });

  it('answer a failing callback with one line, and log it without showing it', async () => {
    const logs: LogLine[] = [];
    const { links } = await serve(
      () => Promise.reject(new Error('secret at /srv/app.ts:42')),
      logs,
    );
    const answer = await send(links.offer(OWNER, PURPOSE), CSV);
    expect(answer.status).toBe(503);
    expect(await answer.text()).not.toContain('secret');
    expect(logs.some((line) => line.message === 'upload could not be handed on')).toBe(true);
  });

  it('cannot be offered before the server listens', () => {
    const links = new UploadLinks({
      clock: handClock(),
      logger: recordingLogger(),
      onUpload: () => Promise.resolve(''),
    });
    expect(() => links.offer(OWNER, PURPOSE)).toThrow('before the server listens');
  });
});

describe('the upload routes', () => {
  it('exist only in the embedded mode', async () => {
    const options = {
      clock: handClock(),
      logger: recordingLogger(),
      onUpload: () => Promise.resolve(''),
    };
    expect(uploadLinksFor('embedded', options)).toBeInstanceOf(UploadLinks);
    expect(uploadLinksFor('production', options)).toBeUndefined();
    server = await startBotServer({
      port: 0,
      messages: () => Promise.resolve(),
      readiness: [],
      logger: recordingLogger(),
    });
    expect((await fetch(`${server.url}/uploads/anything`)).status).toBe(404);
    expect((await send(`${server.url}/uploads/anything`, CSV)).status).toBe(404);
  });
});
