import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('npm start (src/main.ts as a process)', () => {
  it('prints where to chat, serves the bot and the Test Tool, and stops cleanly on SIGTERM', async () => {
    const [port, testToolPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: repoRoot,
      // Only what a newcomer has: no credentials, so the embedded mode.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        SIMULATOR_PORT: '0',
        SIMULATOR_SIZE: '200',
        TEST_TOOL_PORT: String(testToolPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('Ctrl+C stops everything') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain(`Chat here:   http://127.0.0.1:${testToolPort}/`);
      expect(output).toContain('You are:     Alex Wilber');
      expect(output).toContain('npm run chat -- --as');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${testToolPort}/_debug/ping`)).text()).toContain(
        'pong',
      );

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${testToolPort}/_debug/ping`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
