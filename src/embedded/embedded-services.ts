import type { EmbeddedConfig } from '../config.ts';
import {
  createFabrikamTenantSeed,
  startSimulator,
  type RunningSimulator,
  type SimulatorEndpoint,
} from '../simulator/index.ts';
import {
  startEmbeddedCosmos,
  type CosmosStandIn,
  type EmbeddedCosmos,
} from '../store/embedded-cosmos.ts';

/** What the embedded run uses instead of Graph and Cosmos: where their stand-ins answer. */
export interface EmbeddedServices {
  simulator: SimulatorEndpoint;
  cosmos: CosmosStandIn;
  /** Closes what this process started for them: the stand-ins themselves only if it runs them. */
  close(): Promise<void>;
}

/** Stand-ins running in this process: their tenant can be read and changed directly. */
export interface InProcessServices extends EmbeddedServices {
  simulator: RunningSimulator;
  cosmos: EmbeddedCosmos;
}

/** Whether this process runs these stand-ins (not `npm run stand-ins`), for tests and tools. */
export function isInProcess(services: EmbeddedServices): services is InProcessServices {
  return 'tenant' in services.simulator && 'close' in services.cosmos;
}

/**
 * Starts the Graph simulator (demo tenant of the configured seed and size) and the in-process
 * Cosmos-compatible server (on `cosmosPort`, else any free port). If the second fails, the first
 * is closed again.
 */
export async function startEmbeddedServices(
  config: Pick<EmbeddedConfig, 'simulator'>,
  options: { host?: string; cosmosPort?: number } = {},
): Promise<InProcessServices> {
  const simulator = await startSimulator({
    port: config.simulator.port,
    host: options.host ?? '127.0.0.1',
    seed: config.simulator.seed,
    size: config.simulator.size,
    groupProcessingDelayMs: config.simulator.groupProcessingMs,
    // A second tenant, served beside the demo's as an MSP's customer (README, "Many tenants").
    otherTenants: [createFabrikamTenantSeed()],
  });
  let cosmos: EmbeddedCosmos;
  try {
    cosmos = await startEmbeddedCosmos(
      options.cosmosPort === undefined ? {} : { port: options.cosmosPort },
    );
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return {
    simulator,
    cosmos,
    close: async () => {
      await cosmos.close();
      await simulator.close();
    },
  };
}
