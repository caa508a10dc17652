import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { GraphDirectory } from '../../../src/graph/graph-directory.ts';
import {
  GraphLicenseWriter,
  type GraphLicenseWriterOptions,
} from '../../../src/graph/graph-license-writer.ts';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.ts';
import { SimulatorControl } from '../../../bench/lib/simulator-control.ts';
import { startRecordingProxy, type ProxiedExchange } from './recording-proxy.ts';

/** The simulator over HTTP, a recording proxy before it, and the adapter pointed at the proxy. */
export interface GraphFixture {
  sim: RunningSimulator;
  control: SimulatorControl;
  client: Client;
  directory: GraphDirectory;
  writer(options?: GraphLicenseWriterOptions): GraphLicenseWriter;
  exchanges: ProxiedExchange[];
  close: () => Promise<void>;
}

export async function startGraphFixture(options: SimulatorOptions = {}): Promise<GraphFixture> {
  const sim = await startSimulator({ port: 0, size: 300, ...options });
  const proxy = await startRecordingProxy(sim.url);
  const client = createGraphClient({
    graphBaseUrl: `${proxy.url}/v1.0`,
    credential: { kind: 'staticToken', token: 'license-desk-tests' },
  });
  return {
    sim,
    control: new SimulatorControl(sim.url),
    client,
    directory: new GraphDirectory(client, { objectIds: 'testTool' }),
    writer: (writerOptions) => new GraphLicenseWriter(client, writerOptions),
    exchanges: proxy.exchanges,
    close: async () => {
      await proxy.close();
      await sim.close();
    },
  };
}
