/**
 * `npm run stand-ins`: the Graph simulator and the Cosmos stand-in in a process of their own, so
 * that `npm start` (with the STANDINS line printed here) can be stopped, killed and started again
 * while the demo tenant and the store stay. Runs until SIGINT or SIGTERM.
 */
import { loadConfig, loadConfigOrExit, type EmbeddedConfig } from '../config.ts';
import { standInsBanner } from './stand-ins-banner.ts';
import { startStandIns, type RunningStandIns } from './stand-ins.ts';

/** Which setting chose the port a listen failed on, so the message says what to change. */
function portSetting(config: EmbeddedConfig, port: unknown): string {
  const settings: [string, number][] = [
    ['SIMULATOR_PORT', config.simulator.port],
    ['COSMOS_PORT', config.standIns.cosmosPort],
    ['STANDINS_PORT', config.standIns.port],
  ];
  return settings.find(([, value]) => value === port)?.[0] ?? 'its port setting';
}

function startFailure(config: EmbeddedConfig, error: unknown): string {
  const { code, port } = error as { code?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') {
    const setting = portSetting(config, port);
    return `Port ${String(port)} (${setting}) is in use: are the stand-ins, or \`npm start\` without STANDINS, already running? Stop them, or set ${setting} to another port.`;
  }
  return `The stand-ins could not start: ${error instanceof Error ? error.message : String(error)}`;
}

const config = loadConfigOrExit(() => loadConfig());
if (config.mode !== 'embedded') {
  process.stderr.write(
    'The stand-ins are for the embedded run, but these settings ask for production mode (credentials or LICENSE_DESK_MODE=production are set). Unset them to run the stand-ins.\n',
  );
  process.exit(1);
}

let standIns: RunningStandIns;
try {
  standIns = await startStandIns(config);
} catch (error) {
  process.stderr.write(`${startFailure(config, error)}\n`);
  process.exit(1);
}
process.stdout.write(standInsBanner(standIns, config.simulator));

let stopping = false;
const stop = (): void => {
  if (stopping) {
    // A second Ctrl+C does not wait for the first to finish.
    process.exit(130);
  }
  stopping = true;
  standIns.close().then(
    () => {
      process.stdout.write('Stand-ins stopped.\n');
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`The stand-ins did not stop cleanly: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
