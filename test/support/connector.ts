import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/** One call the bot made to the connector (a reply, an update, a new conversation…). */
export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE';
  kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation';
  conversationId: string;
  /** The activity the bot replied to (`replyTo`) or updated. */
  activityId?: string;
  /** The activity the bot sent; for `createConversation`, the parameters. */
  activity: Record<string, unknown>;
  /** The Authorization header the bot sent, if any (anonymous bots send none). */
  authorization?: string;
  receivedAt: number;
  /** The id the connector gave a sent activity (what a later update or click names). */
  sentId?: string;
}

/** Calls of one kind the connector refuses with a status (429 throttling, 502…) before it answers. */
export interface ConnectorRefusal {
  kind: ConnectorCall['kind'];
  status: number;
  times: number;
}

export interface LocalConnector {
  /** The `serviceUrl` to put on activities, e.g. `http://127.0.0.1:PORT/`. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Calls refused by `refuseNext`, in arrival order (not in `calls`). */
  refused: ConnectorCall[];
  /** Refuses the next `times` calls of `kind` with `status`, then answers as usual. */
  refuseNext(refusal: ConnectorRefusal): void;
  /** Calls for one conversation, in arrival order. */
  callsFor(conversationId: string): ConnectorCall[];
  close(): Promise<void>;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? {} : (JSON.parse(text) as Record<string, unknown>));
      } catch (error) {
        reject(error instanceof Error ? error : new Error('bad JSON'));
      }
    });
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A stand-in for the Bot Connector service on loopback: it answers the calls a bot makes on the
 * activities' `serviceUrl` as the real service does (ids for sent activities, 200 on updates, a
 * new conversation id on create) and records every one of them.
 */
export async function startLocalConnector(
  options: { record?: boolean } = {},
): Promise<LocalConnector> {
  const calls: ConnectorCall[] = [];
  const refused: ConnectorCall[] = [];
  const refusals: ConnectorRefusal[] = [];
  // A benchmark answers like the connector but keeps nothing, so memory stays flat.
  const record = options.record ?? true;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://connector');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    readJson(req).then(
      (body) => {
        const base = { authorization: req.headers.authorization, receivedAt: Date.now() };
        if (parts[0] !== 'v3' || parts[1] !== 'conversations') {
          answer(res, 404, { error: { code: 'NotFound', message: 'Unknown route' } });
          return;
        }
        if (method === 'POST' && parts.length === 2) {
          const id = `a:${randomUUID()}`;
          if (record) {
            calls.push({
              ...base,
              method,
              kind: 'createConversation',
              conversationId: id,
              activity: body,
            });
          }
          answer(res, 201, { id, activityId: randomUUID() });
          return;
        }
        const conversationId = parts[2] ?? '';
        const activityId = parts[4];
        if (
          parts[3] === 'activities' &&
          (method === 'POST' || method === 'PUT' || method === 'DELETE')
        ) {
          const kind =
            method === 'PUT'
              ? 'update'
              : method === 'DELETE'
                ? 'delete'
                : activityId
                  ? 'reply'
                  : 'send';
          const call: ConnectorCall = {
            ...base,
            method,
            kind,
            conversationId,
            activityId,
            activity: body,
          };
          const refusal = refusals.find((r) => r.kind === kind && r.times > 0);
          if (refusal) {
            refusal.times -= 1;
            refused.push(call);
            answer(res, refusal.status, { error: { code: 'Throttled', message: 'Try later' } });
            return;
          }
          const id = method === 'POST' ? randomUUID() : (activityId ?? randomUUID());
          if (record) {
            calls.push({ ...call, ...(method === 'POST' ? { sentId: id } : {}) });
          }
          answer(res, 200, { id });
          return;
        }
        if (method === 'GET' && parts[3] === 'members') {
          answer(res, 200, []);
          return;
        }
        answer(res, 404, { error: { code: 'NotFound', message: 'Unknown route' } });
      },
      () => answer(res, 400, { error: { code: 'BadArgument', message: 'Invalid JSON' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    refused,
    refuseNext: (refusal) => {
      refusals.push({ ...refusal });
    },
    callsFor: (conversationId) => calls.filter((call) => call.conversationId === conversationId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
