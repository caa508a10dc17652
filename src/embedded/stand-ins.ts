import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbeddedConfig } from '../config.ts';
import { startEmbeddedServices, type InProcessServices } from './embedded-services.ts';
import type { StandInsDescription } from './stand-ins-description.ts';

/** The stand-ins of `npm run stand-ins`, and where they say where they are. */
export interface RunningStandIns {
  /** `http://127.0.0.1:PORT`: the value of STANDINS for `npm start`. */
  url: string;
  services: InProcessServices;
  description: StandInsDescription;
  /** Stops the description, then the stand-ins: the demo tenant and the store are gone. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Starts the Graph simulator (the demo tenant `npm start` would make from the same settings) and
 * the Cosmos stand-in, and answers `GET /` on loopback with their description, which `npm start`
 * reads when STANDINS names this URL. Everything listens on 127.0.0.1 only: the simulator takes
 * any token and the Cosmos stand-in any key.
 */
export async function startStandIns(
  config: Pick<EmbeddedConfig, 'simulator' | 'standIns'>,
): Promise<RunningStandIns> {
  const services = await startEmbeddedServices(config, { cosmosPort: config.standIns.cosmosPort });
  const { simulator, cosmos } = services;
  const description: StandInsDescription = {
    simulator: { url: simulator.url, graphBaseUrl: simulator.graphBaseUrl },
    cosmos: { endpoint: cosmos.endpoint, key: cosmos.key, certificate: cosmos.certificate },
  };
  const body = JSON.stringify(description);
  const server = createServer((req, res) => {
    const found = req.method === 'GET' && req.url === '/';
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(found ? body : JSON.stringify({ error: 'GET / describes the stand-ins.' }));
  });
  try {
    await listen(server, config.standIns.port);
  } catch (error) {
    await services.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    description,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
