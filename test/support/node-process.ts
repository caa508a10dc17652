import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** A script of this repository running under Node in a process of its own. */
export interface NodeProcess {
  /** What it wrote so far, stdout and stderr together. */
  output(): string;
  /** The first match of `pattern` in its output, within `timeoutMs`; an error if it ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs `script` (e.g. `src/main.ts`) from the repository root with only what a newcomer's shell
 * has (PATH, HOME) and `env`: no credentials, so the embedded mode.
 */
export function startNode(
  script: string,
  args: string[],
  env: Record<string, string>,
): NodeProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      ended = true;
      resolve(code);
    }),
  );
  return {
    output: () => output,
    waitFor: async (pattern, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match) {
          return match;
        }
        if (ended || Date.now() > deadline) {
          throw new Error(
            `${script} did not print ${pattern} (${ended ? 'it ended' : 'timed out'}):\n${output}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    exited,
    kill: (signal) => {
      if (!ended) {
        child.kill(signal);
      }
    },
  };
}
