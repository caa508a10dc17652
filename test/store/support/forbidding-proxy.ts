import { Agent, createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EmbeddedCosmos } from '../../../src/store/index.ts';
import { createSelfSignedCertificate } from '../../../src/store/self-signed-certificate.ts';

/**
 * Stands in front of the in-process Cosmos server and refuses to create databases and
 * containers with 403, as Azure Cosmos DB does for a managed identity: data-plane roles may read
 * and write items but not manage resources.
 */
export async function startForbiddingProxy(
  target: EmbeddedCosmos,
): Promise<{ endpoint: string; agent: Agent; close(): Promise<void> }> {
  const { cert, key } = createSelfSignedCertificate();
  const targetUrl = new URL(target.endpoint);
  const server = createServer({ cert, key }, (incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (incoming.method === 'POST' && /^\/dbs(\/[^/]+\/colls)?\/?$/.test(path)) {
      incoming.resume();
      outgoing.writeHead(403, { 'content-type': 'application/json' });
      outgoing.end(
        JSON.stringify({
          code: 'Forbidden',
          message:
            'Request blocked by Auth: principal does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/sqlDatabases/write].',
        }),
      );
      return;
    }
    const forwarded = request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        path,
        method: incoming.method,
        headers: incoming.headers,
        agent: target.agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ ca: cert, keepAlive: true });
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    agent,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
