import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

interface LockPackage {
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
}

const readJson = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(path.join(repoRoot, file), 'utf8')) as T;

describe('the production image', () => {
  it('installs no second Node: the `node` package that local runs use is a dev dependency', async () => {
    const manifest = await readJson<{
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    }>('package.json');
    expect(manifest.dependencies).not.toHaveProperty('node');
    expect(manifest.devDependencies).toHaveProperty('node');
    const lock = await readJson<{ packages: Record<string, LockPackage> }>('package-lock.json');
    expect(lock.packages['node_modules/node']?.dev).toBe(true);
  });

  it('runs no install script: none of what `npm ci --omit=dev` installs needs one', async () => {
    const lock = await readJson<{ packages: Record<string, LockPackage> }>('package-lock.json');
    const scripted = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript === true && entry.dev !== true)
      .map(([name, entry]) => ({ name, optional: entry.optional === true }));
    // dtrace-provider is restify's optional DTrace probe: without its build, restify goes on.
    // protobufjs (Azure Monitor's OpenTelemetry exporters) only prints a version-pinning hint
    // after install; nothing it installs is built, and it is loaded only with telemetry on.
    expect(scripted).toEqual([
      { name: 'node_modules/dtrace-provider', optional: true },
      { name: 'node_modules/protobufjs', optional: false },
    ]);
    const dockerfile = await readFile(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });

  it('listens on every interface and has a health check on /healthz', async () => {
    const dockerfile = await readFile(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ENV .*\bHOST=0\.0\.0\.0\b/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--max-semi-space-size=8", "src\/main\.ts"\]/m);
    // The image runs License Desk with the Node flags `npm start` uses (and the benchmarks read).
    const start = (
      JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
        scripts: { start: string };
      }
    ).scripts.start;
    expect(start).toBe('node --max-semi-space-size=8 src/main.ts');
  });
});
