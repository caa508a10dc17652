import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded-cosmos.ts';
import { freePort } from '../support/free-port.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
// A loopback address other than 127.0.0.1: answering there and not on 127.0.0.1 shows HOST is used.
const HOST = '127.0.0.2';

/** Polls until `url` answers at all (any status), or the deadline passes. */
async function firstAnswer(url: string, deadlineMs: number): Promise<Response | undefined> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const res = await fetch(url).catch(() => undefined);
    if (res) {
      return res;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe('a production deployment starting (src/main.ts as a process)', () => {
  let cosmos: EmbeddedCosmos;
  let folder: string;

  beforeAll(async () => {
    // Azure Cosmos DB's stand-in, reached as a real account: an https endpoint and a key, its
    // certificate trusted the way a deployment trusts a private CA (NODE_EXTRA_CA_CERTS).
    cosmos = await startEmbeddedCosmos();
    folder = await mkdtemp(path.join(tmpdir(), 'license-desk-production-'));
    await writeFile(path.join(folder, 'cosmos-ca.pem'), cosmos.certificate);
  });

  afterAll(async () => {
    await cosmos.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('starts on the configured HOST, is alive and ready, refuses unsigned activities, and loads no stand-in', async () => {
    const port = await freePort();
    const loadedFile = path.join(folder, 'loaded-modules.txt');
    const child = spawn(
      process.execPath,
      ['--import', './test/support/record-loaded-modules.ts', 'src/main.ts'],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_EXTRA_CA_CERTS: path.join(folder, 'cosmos-ca.pem'),
          LOADED_MODULES_FILE: loadedFile,
          LICENSE_DESK_MODE: 'production',
          LOG_LEVEL: 'info',
          HOST,
          PORT: String(port),
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppId: '6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10',
          MicrosoftAppPassword: 'fake-bot-secret',
          MicrosoftAppTenantId: '7c1d8e2a-3b4f-4c5d-8e6f-9a0b1c2d3e4f',
          // Fake credentials whose authority nobody answers: Graph stays unreachable throughout.
          GRAPH_CLIENT_SECRET: 'fake-graph-secret',
          GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:9',
          COSMOS_ENDPOINT: cosmos.endpoint,
          COSMOS_KEY: cosmos.key,
          COSMOS_DATABASE: 'production-start',
          APPROVER_GROUP_IDS: '0f8c2b7e-1d3a-4e5f-9a6b-7c8d9e0f1a2b',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const base = `http://${HOST}:${port}`;
    try {
      const health = await firstAnswer(`${base}/healthz`, 40_000);
      expect(health?.status, output).toBe(200);
      expect(await health!.json()).toMatchObject({ status: 'alive' });
      expect(output).toContain('License Desk started');
      expect(output).toContain('"mode":"production"');

      // Ready: the store answers; Graph being out of reach does not take the replica out.
      const ready = await fetch(`${base}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { cosmos: 'ok' } });

      // Only on the configured address.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

      // Production checks tokens: an activity without one is refused, and no turn runs.
      const unsigned = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'licenses',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          conversation: { id: 'a:1' },
        }),
      });
      expect(unsigned.status).toBe(401);

      const loaded = await readFile(loadedFile, 'utf8');
      expect(loaded).toContain('/src/server/license-desk.ts');
      expect(loaded).not.toMatch(/\/src\/simulator\//);
      expect(loaded).not.toMatch(/\/src\/embedded\//);
      expect(loaded).not.toContain('@vercel/cosmosdb-server');
      expect(loaded).not.toContain('teams-app-test-tool');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
