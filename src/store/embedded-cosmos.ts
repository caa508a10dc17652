import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { createSelfSignedCertificate } from './self-signed-certificate.ts';
import type { SelfSignedCertificate } from './self-signed-certificate.ts';

/**
 * How a client reaches a Cosmos stand-in, whether this process runs it or another one does
 * (`npm run stand-ins`).
 */
export interface CosmosStandIn {
  /** `https://127.0.0.1:<port>` */
  endpoint: string;
  /** The server accepts any key; the client still needs one to sign requests. */
  key: string;
  /** Trusts this server's certificate, and only for clients given this agent. */
  agent: Agent;
  /** The server's certificate (PEM), for a process that must trust it as a CA of its own. */
  certificate: string;
}

/** A Cosmos-compatible server running in this process, in memory, for the embedded run and tests. */
export interface EmbeddedCosmos extends CosmosStandIn {
  close(): Promise<void>;
}

/** Any key works: the in-process server does not check signatures. */
const EMBEDDED_KEY = 'embedded-cosmos-key-not-a-secret';

/**
 * Starts `@vercel/cosmosdb-server` on 127.0.0.1 (port 0 unless given) with keep-alive, which
 * multiplies its throughput. TLS stays fully verified: the agent trusts only the certificate made
 * for this run (see `createSelfSignedCertificate`), never the process-wide TLS settings. A test
 * may give the certificate, to serve it from a proxy of its own in front of the server too.
 */
export async function startEmbeddedCosmos(
  options: { port?: number; certificate?: SelfSignedCertificate } = {},
): Promise<EmbeddedCosmos> {
  const { cert, key } = options.certificate ?? createSelfSignedCertificate();
  // keepAlive is the server's own option, next to the https ones.
  const server = createHttpsServer({ cert, key, keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: cert, keepAlive: true });
  return {
    endpoint: `https://127.0.0.1:${port}`,
    key: EMBEDDED_KEY,
    agent,
    certificate: cert,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
