/**
 * `npm run bench [-- <name>…]`: runs every benchmark in this folder (each `bench/<name>.ts`), one
 * after the other in its own process, or only the ones named (`npm run bench -- bulk-assign`).
 * Extra `--flags` are passed to each benchmark.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts'))
  .map((file) => basename(file, '.ts'))
  .sort();

const args = process.argv.slice(2);
const names = args.filter((arg) => !arg.startsWith('--'));
const flags = args.filter((arg) => arg.startsWith('--'));
const unknown = names.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}

// The Node flags License Desk runs with (`npm start`, the image): a benchmark measures the same.
const startScript = (
  JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start;
const nodeFlags = startScript.split(/\s+/).filter((word) => word.startsWith('--'));

let failed = 0;
for (const name of names.length > 0 ? names : available) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, [...nodeFlags, join(here, `${name}.ts`), ...flags], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench/${name} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
