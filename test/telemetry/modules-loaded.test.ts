import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Starts and closes License Desk in a process of its own; answers the modules it loaded. */
async function modulesLoadedBy(folder: string, env: Record<string, string>): Promise<string> {
  const loadedFile = path.join(folder, `loaded-${Object.keys(env).length}.txt`);
  const child = spawn(
    process.execPath,
    ['--import', './test/support/record-loaded-modules.ts', 'test/telemetry/start-and-close.ts'],
    {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        // Azure Monitor keeps what it could not send under the temp folder: this test's.
        TMPDIR: folder,
        LOADED_MODULES_FILE: loadedFile,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code, output).toBe(0);
  return readFile(loadedFile, 'utf8');
}

describe('telemetry modules', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'license-desk-telemetry-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('are never loaded without APPLICATIONINSIGHTS_CONNECTION_STRING', async () => {
    const loaded = await modulesLoadedBy(folder, {});
    expect(loaded).toContain('/src/server/license-desk.ts');
    expect(loaded).toContain('/src/telemetry/open-telemetry-at-start.ts');
    expect(loaded).not.toContain('@azure/monitor-opentelemetry');
    expect(loaded).not.toContain('/node_modules/@opentelemetry/');
    expect(loaded).not.toMatch(/\/src\/telemetry\/(azure-monitor|open-telemetry)\.ts/);
  });

  it('are loaded with it (what the test above looks for is really there)', async () => {
    const loaded = await modulesLoadedBy(folder, {
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        // Nobody answers there: nothing leaves this machine.
        'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/',
    });
    expect(loaded).toContain('@azure/monitor-opentelemetry');
    expect(loaded).toContain('/node_modules/@opentelemetry/api/');
    expect(loaded).toContain('/src/telemetry/azure-monitor.ts');
  });
});
