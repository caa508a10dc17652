import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import path from 'node:path';
import type { EmbeddedServices } from '../../src/embedded/embedded-services.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** A script of the repository in a process of its own, and the first match of `ready` it prints. */
export async function startChild(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ line: RegExpExecArray; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [script], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<RegExpExecArray>((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      seen += chunk;
      const match = ready.exec(seen);
      if (match) {
        resolve(match);
      }
    });
    void exited.then(() => reject(new Error(`${script} exited: ${seen}`)));
  });
  return {
    line,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The Graph simulator (`npm run simulator` with `simulatorEnv`) and the Cosmos stand-in, each in a
 * process of its own as Graph and Cosmos DB are other services in production: the bench
 * process's CPU and peak RSS are then License Desk's alone.
 */
export async function startStandInProcesses(simulatorEnv: Record<string, string>): Promise<{
  services: EmbeddedServices;
  pids: { simulator: number; cosmos: number };
  stop: () => Promise<void>;
}> {
  const simulator = await startChild(
    'src/simulator/cli.ts',
    { SIMULATOR_PORT: '0', ...simulatorEnv },
    /listening on (http:\/\/\S+)\/v1\.0/,
  );
  const cosmos = await startChild('bench/support/cosmos-process.ts', {}, /^(\{.*\})$/m).catch(
    async (error: unknown) => {
      await simulator.stop();
      throw error;
    },
  );
  const described = JSON.parse(cosmos.line[1]!) as {
    endpoint: string;
    key: string;
    certificate: string;
  };
  const url = simulator.line[1]!;
  const agent = new Agent({ ca: described.certificate, keepAlive: true });
  return {
    services: {
      simulator: { url, graphBaseUrl: `${url}/v1.0` },
      cosmos: { ...described, agent },
      close: () => Promise.resolve(),
    },
    pids: { simulator: simulator.pid, cosmos: cosmos.pid },
    stop: async () => {
      agent.destroy();
      await cosmos.stop();
      await simulator.stop();
    },
  };
}

/**
 * CPU seconds a process has used so far (user + system), read from Linux's /proc; undefined
 * elsewhere. Clock ticks are taken as 100 a second, Linux's USER_HZ on every common build.
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
