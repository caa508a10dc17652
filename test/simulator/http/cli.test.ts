import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const node = 'node_modules/.bin/node';

describe('npm run simulator', () => {
  it('starts on SIMULATOR_PORT with the seeded tenant, prints its URL and stops cleanly on SIGTERM', async () => {
    const child = spawn(node, ['src/simulator/cli.ts'], {
      env: { ...process.env, SIMULATOR_PORT: '0', SIMULATOR_SIZE: '40', SIMULATOR_SEED: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+\/v1\.0)/.exec(output);
          if (match?.[1]) {
            resolve(match[1]);
          }
        });
        child.once('exit', () => reject(new Error(`exited early: ${output}`)));
      });
      const response = await fetch(`${url}/users/$count`, {
        headers: { Authorization: 'Bearer cli-test', ConsistencyLevel: 'eventual' },
      });
      expect(await response.text()).toBe('40');
      const exited = once(child, 'close');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      expect(output).toContain('stopped');
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
  });

  it('refuses an invalid SIMULATOR_PORT with a plain message', async () => {
    const child = spawn(node, ['src/simulator/cli.ts'], {
      env: { ...process.env, SIMULATOR_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(1);
    expect(errors).toContain('SIMULATOR_PORT');
    expect(errors).not.toMatch(/\n\s+at /);
  });
});
