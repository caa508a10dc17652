import type { Telemetry } from '../app/ports/telemetry.ts';
import restify, { type Next, type Request, type Response } from 'restify';
import { EXPORT_DOWNLOAD_PATH, type DownloadAnswer } from './export-downloads.ts';
import { readJsonBody } from './json-body.ts';
import { withRequestSpan } from './request-span.ts';
import { UPLOAD_PATH, writeUploadAnswer, type UploadRoutes } from './upload-links.ts';
import {
  CachedCheck,
  checkReadiness,
  type ReadinessCheck,
  type ReadinessLogger,
} from './readiness.ts';

/** Big enough for a long chat message or a card submit, small enough to refuse floods (413). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** How long a shutdown waits for turns in flight before closing their connections. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
/** How long a body may take to arrive; Teams sends an activity in one go. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
/** `/readyz` looks at the store at most this often, however often it is probed. */
export const READINESS_MAX_AGE_MS = 5_000;
/** `/healthz` looks at Graph at most this often: probes must not spend Graph's budget. */
export const HEALTH_MAX_AGE_MS = 60_000;
const CHECK_TIMEOUT_MS = 3_000;

export type ServerLogger = ReadinessLogger;

export interface BotServerOptions {
  port: number;
  host?: string;
  /** The `POST /api/messages` handler. */
  messages: (req: Request, res: Response) => Promise<void>;
  /** What the process needs to serve turns (the store): `/readyz` is 503 while one fails. */
  readiness: readonly ReadinessCheck[];
  /**
   * Dependencies whose outages a turn survives (Graph: the request is saved, the user told):
   * reported on `/healthz` and logged, never a reason to leave the load balancer.
   */
  health?: readonly ReadinessCheck[];
  /** How often each kind of check may really run (tests shorten them). */
  checkMaxAgeMs?: { readiness?: number; health?: number };
  logger: ServerLogger;
  bodyLimitBytes?: number;
  bodyTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** `GET /exports/:token`, the embedded demo's export downloads; no such route without it. */
  exportDownload?: (token: string) => Promise<DownloadAnswer>;
  /** `GET` and `POST /uploads/:token`, the embedded demo's upload links; no such routes without. */
  uploads?: UploadRoutes;
  /** When set, each `POST /api/messages` is a request span (see `withRequestSpan`). */
  telemetry?: Telemetry;
}

export interface RunningBotServer {
  /** e.g. `http://127.0.0.1:3978` */
  url: string;
  port: number;
  /** Turns being handled right now. */
  inFlight(): number;
  /**
   * Stops taking requests, lets turns in flight finish (up to the drain timeout), then closes
   * every connection. Safe to call more than once.
   */
  close(): Promise<void>;
  /**
   * Adds routes (the REST API) with `register`, given the restify server and `track`, which counts
   * a request in flight as a turn, so that closing lets it finish.
   */
  mount(
    register: (server: restify.Server, track: <T>(work: () => Promise<T>) => Promise<T>) => void,
  ): void;
}

/**
 * The bot's HTTP server: `POST /api/messages` (JSON only), `GET /healthz` (the process is alive,
 * with Graph's last known state) and `GET /readyz` (the store answers). Restify's own errors
 * (404, 405) go out as its JSON error bodies.
 */
export async function startBotServer(options: BotServerOptions): Promise<RunningBotServer> {
  const server = restify.createServer({ name: 'license-desk', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;

  // No global body parser: only /api/messages takes a body, and only JSON (see readJsonBody).
  const bodyLimits = {
    maxBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    timeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
  };

  const messages = withRequestSpan(options.telemetry, '/api/messages', options.messages);
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (draining) {
      // A keep-alive connection may still send while we drain: tell the channel to retry elsewhere.
      res.header('Connection', 'close');
      res.header('Retry-After', '5');
      res.send(503, { code: 'ServiceUnavailable', message: 'The bot is restarting.' });
      return;
    }
    // Refused before the token is looked at: no body of another kind is read or stored.
    const body = await readJsonBody(req, bodyLimits);
    if (!body.ok) {
      // The rest of a refused body is never read: the connection cannot be reused.
      res.header('Connection', 'close');
      res.send(body.status, { code: body.code, message: body.message });
      return;
    }
    req.body = body.body;
    inFlight += 1;
    try {
      await messages(req, res);
    } finally {
      inFlight -= 1;
    }
  });

  const cached = (checks: readonly ReadinessCheck[] | undefined, maxAgeMs: number) =>
    (checks ?? []).map(
      (check) =>
        new CachedCheck(check, { maxAgeMs, timeoutMs: CHECK_TIMEOUT_MS, logger: options.logger }),
    );
  const readiness = cached(
    options.readiness,
    options.checkMaxAgeMs?.readiness ?? READINESS_MAX_AGE_MS,
  );
  const health = cached(options.health, options.checkMaxAgeMs?.health ?? HEALTH_MAX_AGE_MS);

  // Alive whatever Graph does; its last known state rides along for admins and dashboards.
  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.send(200, {
      status: 'alive',
      dependencies: Object.fromEntries(health.map((check) => [check.name, check.peek()])),
    });
    next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (draining) {
      res.send(503, { status: 'stopping', checks: {} });
      return;
    }
    const report = await checkReadiness(readiness);
    res.send(report.ready ? 200 : 503, {
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
    });
  });

  const exportDownload = options.exportDownload;
  if (exportDownload) {
    server.get(EXPORT_DOWNLOAD_PATH, async (req: Request, res: Response) => {
      const answer = await exportDownload(String((req.params as { token?: string }).token ?? ''));
      if (answer.status !== 200) {
        res.writeHead(answer.status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(`${answer.text}\n`);
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${answer.fileName}"`,
        'Content-Length': answer.bytes.byteLength,
        'Cache-Control': 'no-store',
      });
      res.end(answer.bytes);
    });
  }

  const uploads = options.uploads;
  if (uploads) {
    const tokenOf = (req: Request) => String((req.params as { token?: string }).token ?? '');
    server.get(UPLOAD_PATH, (req: Request, res: Response, next: Next) => {
      writeUploadAnswer(res, uploads.page(tokenOf(req)));
      next();
    });
    // Counted as a turn: the file starts a request, which a shutdown lets finish.
    server.post(UPLOAD_PATH, async (req: Request, res: Response) => {
      inFlight += 1;
      try {
        writeUploadAnswer(res, await uploads.receive(tokenOf(req), req));
      } finally {
        inFlight -= 1;
      }
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => {
        server.server.close(() => resolve());
      });
      server.server.closeIdleConnections();
      const deadline = Date.now() + (options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (inFlight > 0) {
        options.logger.warn({ inFlight }, 'shutdown: turns still running after the drain timeout');
      }
      server.server.closeAllConnections();
      await closed;
    })();
    return closing;
  };

  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    try {
      return await work();
    } finally {
      inFlight -= 1;
    }
  };
  const mount: RunningBotServer['mount'] = (register) => register(server, track);
  return { url, port: address.port, inFlight: () => inFlight, close, mount };
}
