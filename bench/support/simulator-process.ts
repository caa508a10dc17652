import { spawn } from 'node:child_process';
import path from 'node:path';
import type { EmbeddedServices } from '../../src/embedded/embedded-services.ts';
import type { RunningSimulator } from '../../src/simulator/index.ts';
import { startEmbeddedCosmos } from '../../src/store/embedded-cosmos.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const LISTENING = /listening on (http:\/\/[^\s]+)\/v1\.0/;

/**
 * The Graph simulator in a process of its own (`npm run simulator` on port 0), as Microsoft
 * Graph is another machine in production: the stand-in's own CPU (parsing filters, building
 * users) is then not billed to the bot's event loop. The Cosmos-compatible server stays in the
 * bots' process, as the embedded run has it.
 */
export async function startSimulatorProcess(options: {
  seed: number;
  size: number;
}): Promise<EmbeddedServices> {
  const child = spawn(process.execPath, ['src/simulator/cli.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SIMULATOR_PORT: '0',
      SIMULATOR_SEED: String(options.seed),
      SIMULATOR_SIZE: String(options.size),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      seen += chunk;
      const match = LISTENING.exec(seen);
      if (match) {
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}): ${seen}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const simulator: RunningSimulator = {
    url,
    graphBaseUrl: `${url}/v1.0`,
    tenant: () => {
      throw new Error('The simulator runs in another process: use its control API.');
    },
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
  const cosmos = await startEmbeddedCosmos();
  return {
    simulator,
    cosmos,
    close: async () => {
      await cosmos.close();
      await simulator.close();
    },
  };
}
