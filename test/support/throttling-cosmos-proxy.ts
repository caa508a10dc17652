import { randomUUID } from 'node:crypto';
import { Agent, createServer, request } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CosmosStandIn } from '../../src/store/embedded-cosmos.ts';
import type { SelfSignedCertificate } from '../../src/store/self-signed-certificate.ts';
import { mulberry32 } from '../../src/simulator/faults/prng.ts';

/** What the proxy counted, per container: writes it answered 429 and writes it let through. */
export interface ThrottlingCounts {
  throttled: Record<string, number>;
  forwarded: Record<string, number>;
}

export interface ThrottlingCosmosProxy {
  /**
   * The stand-in as a client reaches it through the proxy: the proxy's endpoint with the
   * stand-in's key, agent and certificate (the proxy serves that same certificate).
   */
  standIn: CosmosStandIn;
  /** A copy of the counts so far. */
  counts(): ThrottlingCounts;
  close(): Promise<void>;
}

export interface ThrottlingOptions {
  /** The stand-in's certificate and key, served again by the proxy so its agent trusts both. */
  certificate: SelfSignedCertificate;
  /** Containers whose document writes may be throttled. */
  containers: readonly string[];
  /** The share of those writes answered 429, retries included (each drawn on its own). */
  share: number;
  /** What `x-ms-retry-after-ms` says (default 20). */
  retryAfterMs?: number;
  /** Seeds the draws, so a run throttles the same sequence of writes (default 1). */
  seed?: number;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** `/dbs/<db>/colls/<container>/docs` (create, query) or `…/docs/<id>` (replace, patch, delete). */
const DOCUMENTS = /^\/dbs\/[^/]+\/colls\/([^/]+)\/docs(?:\/[^/?]+)?\/?(?:\?.*)?$/;

/** The container a document write goes to, or undefined for anything else (reads, queries…). */
function writtenContainer(incoming: IncomingMessage): string | undefined {
  if (!WRITE_METHODS.has(incoming.method ?? '')) {
    return undefined;
  }
  // A query (and the SDK's query plan request) is a POST on the documents too, but it reads.
  if (String(incoming.headers['content-type']).startsWith('application/query+json')) {
    return undefined;
  }
  const match = DOCUMENTS.exec(incoming.url ?? '/');
  return match === null ? undefined : decodeURIComponent(match[1]!);
}

const add = (counts: Record<string, number>, container: string): void => {
  counts[container] = (counts[container] ?? 0) + 1;
};

/**
 * An HTTPS server on 127.0.0.1 in front of a Cosmos stand-in that forwards every request as it
 * came, except a `share` of the document writes (create, replace, patch, delete) to the chosen
 * containers, which it answers as Azure Cosmos DB answers a request over the provisioned RU/s:
 * 429 `TooManyRequests`, `x-ms-retry-after-ms` and substatus 3200, nothing written. It serves the
 * stand-in's own certificate, so the client trusts it through the stand-in's agent with full TLS
 * verification, as it trusts the stand-in.
 */
export async function startThrottlingCosmosProxy(
  target: CosmosStandIn,
  options: ThrottlingOptions,
): Promise<ThrottlingCosmosProxy> {
  if (options.certificate.cert !== target.certificate) {
    throw new Error('The throttling proxy must serve the certificate of the stand-in it fronts.');
  }
  const { cert, key } = options.certificate;
  const retryAfterMs = String(options.retryAfterMs ?? 20);
  const throttledContainers = new Set(options.containers);
  const draw = mulberry32(options.seed ?? 1);
  const counts: ThrottlingCounts = { throttled: {}, forwarded: {} };
  const targetUrl = new URL(target.endpoint);
  // Its own connections to the stand-in, closed with the proxy.
  const upstream = new Agent({ ca: target.certificate, keepAlive: true });

  const throttle = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    // The body is read to its end before answering, so the connection stays usable.
    incoming.resume();
    incoming.once('end', () => {
      outgoing.writeHead(429, {
        'content-type': 'application/json',
        'x-ms-retry-after-ms': retryAfterMs,
        'x-ms-substatus': '3200',
        'x-ms-activity-id': randomUUID(),
        'x-ms-request-charge': '0',
      });
      outgoing.end(JSON.stringify({ code: 'TooManyRequests', message: 'Request rate is large' }));
    });
  };

  const server = createServer({ cert, key }, (incoming, outgoing) => {
    const container = writtenContainer(incoming);
    if (container !== undefined && throttledContainers.has(container)) {
      if (draw() < options.share) {
        add(counts.throttled, container);
        throttle(incoming, outgoing);
        return;
      }
    }
    if (container !== undefined) {
      add(counts.forwarded, container);
    }
    const forwarded = request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        path: incoming.url ?? '/',
        method: incoming.method,
        headers: incoming.headers,
        agent: upstream,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    standIn: {
      endpoint: `https://127.0.0.1:${port}`,
      key: target.key,
      agent: target.agent,
      certificate: target.certificate,
    },
    counts: () => ({ throttled: { ...counts.throttled }, forwarded: { ...counts.forwarded } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      upstream.destroy();
    },
  };
}
