import type { EmbeddedConfig } from '../config.ts';
import { startSimulator, type RunningSimulator } from '../simulator/index.ts';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../store/embedded-cosmos.ts';

/** What the embedded run starts before the bot: Graph's stand-in and Cosmos's. */
export interface EmbeddedServices {
  simulator: RunningSimulator;
  cosmos: EmbeddedCosmos;
  close(): Promise<void>;
}

/**
 * Starts the Graph simulator (demo tenant of the configured seed and size) and the in-process
 * Cosmos-compatible server. If the second fails, the first is closed again.
 */
export async function startEmbeddedServices(
  config: Pick<EmbeddedConfig, 'simulator'>,
  options: { host?: string } = {},
): Promise<EmbeddedServices> {
  const simulator = await startSimulator({
    port: config.simulator.port,
    host: options.host ?? '127.0.0.1',
    seed: config.simulator.seed,
    size: config.simulator.size,
  });
  let cosmos: EmbeddedCosmos;
  try {
    cosmos = await startEmbeddedCosmos();
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
