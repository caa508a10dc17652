import type { Config } from '../../config.ts';
import type { EmbeddedServices } from '../../embedded/embedded-services.ts';
import type { WriteBudget } from '../../graph/index.ts';
import type { ShutdownSteps } from './shutdown-steps.ts';

/** The config as started with: in embedded mode, pointed at the stand-ins. */
export interface ModeStart {
  config: Config;
  embedded?: EmbeddedServices;
  /** The simulator's write budget, which each tenant's writer keeps to, and the app's across tenants. */
  writeBudget?: WriteBudget & { app?: WriteBudget };
}

/**
 * In embedded mode, the Graph simulator and the Cosmos stand-in: those given (a second instance,
 * `npm run stand-ins`), left running on close, or started here and closed with the rest.
 * Production gets its config unchanged, and never loads the stand-ins.
 */
export async function openMode(
  config: Config,
  options: { embedded?: EmbeddedServices; host?: string },
  steps: ShutdownSteps,
): Promise<ModeStart> {
  if (config.mode !== 'embedded') {
    return { config };
  }
  let embedded = options.embedded;
  if (!embedded) {
    const { openStandIns } = await import('../../embedded/open-stand-ins.ts');
    const opened = await openStandIns(config, options.host ? { host: options.host } : {});
    steps.push(() => opened.close());
    embedded = opened;
  }
  const { simulatorWriteBudget } = await import('../../embedded/simulator-write-budget.ts');
  return {
    config: {
      ...config,
      graph: { ...config.graph, graphBaseUrl: embedded.simulator.graphBaseUrl },
    },
    embedded,
    writeBudget: await simulatorWriteBudget(embedded.simulator.url),
  };
}
