import { settingsError, type EmbeddedConfig } from '../config.ts';
import { connectStandIns } from './connect-stand-ins.ts';
import { startEmbeddedServices, type EmbeddedServices } from './embedded-services.ts';

const inUse = (error: unknown, port: number): boolean => {
  const { code, port: failed } = error as { code?: unknown; port?: unknown };
  return code === 'EADDRINUSE' && failed === port;
};

/**
 * The embedded run's stand-ins: those of `npm run stand-ins` when STANDINS names them (left
 * running when License Desk closes), else new ones in this process (closed with it). The
 * simulator's port taken is a `ConfigError`: most likely the stand-ins run there already.
 */
export async function openStandIns(
  config: Pick<EmbeddedConfig, 'simulator' | 'standIns'>,
  options: { host?: string } = {},
): Promise<EmbeddedServices> {
  if (config.standIns.url !== undefined) {
    return connectStandIns(config.standIns.url);
  }
  try {
    return await startEmbeddedServices(config, options);
  } catch (error) {
    if (inUse(error, config.simulator.port)) {
      throw settingsError('embedded', [
        `SIMULATOR_PORT: port ${config.simulator.port} is in use. If \`npm run stand-ins\` runs there, start with the STANDINS line it printed; otherwise set SIMULATOR_PORT to a free port.`,
      ]);
    }
    throw error;
  }
}
