import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedExchange {
  method: string;
  /** Path and query as sent on the wire, e.g. `/v1.0/users?$top=5`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
  responseBody: string;
  responseHeaders: Record<string, string>;
}

/**
 * A loopback proxy in front of the simulator that records every exchange, so adapter tests can
 * check the exact URLs, headers and bodies the Graph client sends.
 */
export async function startRecordingProxy(target: string): Promise<{
  url: string;
  exchanges: ProxiedExchange[];
  close: () => Promise<void>;
}> {
  const exchanges: ProxiedExchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name]) => !['host', 'content-length', 'connection'].includes(name),
        ),
      ) as Record<string, string>;
      const method = req.method ?? 'GET';
      fetch(`${target}${req.url ?? ''}`, { method, headers, ...(body.length > 0 ? { body } : {}) })
        .then(async (answer) => {
          const text = await answer.text();
          exchanges.push({
            method,
            url: req.url ?? '',
            headers: req.headers,
            body,
            status: answer.status,
            responseBody: text,
            responseHeaders: Object.fromEntries(answer.headers),
          });
          const passed: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (
              !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(
                name,
              )
            ) {
              passed[name] = value;
            }
          });
          res.writeHead(answer.status, passed);
          res.end(text);
        })
        .catch(() => {
          // The simulator dropped the connection: drop ours too, as Graph's client would see it.
          exchanges.push({
            method,
            url: req.url ?? '',
            headers: req.headers,
            body,
            status: 0,
            responseBody: '',
            responseHeaders: {},
          });
          req.socket.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
