/**
 * bench/bulk-preview (issue 10): bulk selections on a `--size` (100,000) user simulated tenant
 * with `--latency` (50) ms per Graph read, by the product path over HTTP:
 *
 * - the request use cases' `preview` of an assign to the users a filter matches (~50,000 of
 *   100,000: five of the ten departments), read from Graph once and planned: wall time and peak
 *   RSS (target ≤ 3 s, ≤ 300 MB);
 * - a CSV naming every user of the tenant: `readSelectionCsv` + `readSelectionRows` (parse and
 *   shape check, target ≤ 1 s), then `resolveSelectionCsv` (parse included; past 1,000 rows it
 *   pages the directory with `$select` rather than looking users up, target ≤ 10 s);
 * - baseline in the same run: what a script does, one awaited `GET /users/{upn}` per row, timed
 *   on `--script-rows` (500) rows and extrapolated linearly to the whole file (the output says so).
 *
 * The simulator runs in a process of its own (its 100,000 users are not in this process's RSS);
 * the stores the preview does not touch are in memory. Flags: --size --latency --script-rows.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import type { Caller } from '../src/app/identity/caller.ts';
import type { LicenseWriter } from '../src/app/ports/license-writer.ts';
import { sameForEveryTenant } from '../src/app/ports/per-tenant.ts';
import type { RequestDependencies } from '../src/app/requests/request-deps.ts';
import type { ChangeCommand } from '../src/app/requests/request-outcome.ts';
import { requestUseCases } from '../src/app/requests/request-use-cases.ts';
import { readSelectionCsv } from '../src/app/selection/read-selection-csv.ts';
import { resolveSelectionCsv } from '../src/app/selection/resolve-selection-csv.ts';
import { readSelectionRows } from '../src/domain/selection/csv/read-selection-rows.ts';
import { defaultApprovalPolicy } from '../src/domain/policy/approval-policy.ts';
import { seedPricesFromSimulator } from '../src/embedded/seed-prices.ts';
import { createGraphClient } from '../src/graph/graph-client.ts';
import { GraphDirectory } from '../src/graph/graph-directory.ts';
import { systemClock } from '../src/graph/system-clock.ts';
import { createLogger } from '../src/logging.ts';
import { DEMO_PEOPLE, DEMO_TENANT_ID } from '../src/simulator/seed/demo-people.ts';
import { MemoryApprovalChannelStore } from '../src/store/memory/memory-approval-channel-store.ts';
import { MemoryHistoryLog } from '../src/store/memory/memory-history-log.ts';
import { MemoryLeaseStore } from '../src/store/memory/memory-lease-store.ts';
import { MemoryOperationItemStore } from '../src/store/memory/memory-operation-item-store.ts';
import { MemoryOperationStore } from '../src/store/memory/memory-operation-store.ts';
import { MemoryPriceStore } from '../src/store/memory/memory-price-store.ts';
import { MemoryTemplateStore } from '../src/store/memory/memory-template-store.ts';
import { numberFlag } from './lib/bench-args.ts';
import { findCounter, SimulatorControl } from './lib/simulator-control.ts';
import { fullGc } from './support/full-gc.ts';

const size = numberFlag('size', 100_000);
const latencyMs = numberFlag('latency', 50);
const scriptRows = numberFlag('script-rows', 500);
const TOKEN = 'bench-bulk-preview';
const FILTER = 'department in ("Sales", "Engineering", "Operations", "Marketing", "Finance")';
const TARGETS = {
  previewMs: 3_000,
  previewPeakRssMb: 300,
  csvParseMs: 1_000,
  csvResolveMs: 10_000,
};
const repoRoot = path.resolve(import.meta.dirname, '..');
const gc = fullGc();
const mb = (bytes: number): number => bytes / 1024 / 1024;

/** The simulator in a process of its own, seeded with `size` users, until `stop`. */
async function startSimulator(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['src/simulator/cli.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SIMULATOR_PORT: '0',
      SIMULATOR_SEED: '1',
      SIMULATOR_SIZE: String(size),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)\/v1\.0/.exec(seen);
      if (match) {
        resolve(match[1]!);
      }
    });
    void exited.then(() => reject(new Error(`the simulator exited: ${seen}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What one measured phase took: wall time, this process's CPU, and its peak RSS and heap. */
interface Measured<T> {
  value: T;
  ms: number;
  cpuMs: number;
  peakMb: number;
  peakHeapMb: number;
}

/**
 * Runs `work` after a full collection, timing it and sampling this process's RSS and heap every
 * 20 ms and at both ends (a synchronous stretch longer than 20 ms is sampled at its end).
 */
async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  gc();
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  return {
    value,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakMb: mb(peak),
    peakHeapMb: mb(peakHeap),
  };
}

/** Every user principal name of the tenant, paged without latency (not timed). */
async function allUpns(graphBaseUrl: string): Promise<string[]> {
  const upns: string[] = [];
  let next: string | undefined = `${graphBaseUrl}/users?$select=userPrincipalName&$top=999`;
  while (next !== undefined) {
    const res = await fetch(next, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as {
      value: { userPrincipalName: string }[];
      '@odata.nextLink'?: string;
    };
    upns.push(...body.value.map((user) => user.userPrincipalName));
    next = body['@odata.nextLink'];
  }
  return upns;
}

/** A selection CSV naming `upns`: most rows Power BI Pro, every tenth E5. */
function selectionCsv(upns: readonly string[]): string {
  const rows = upns.map((upn, i) => `${upn},${i % 10 === 9 ? 'SPE_E5' : 'POWER_BI_PRO'}`);
  return `UserPrincipalName,LicenseSKU\r\n${rows.join('\r\n')}\r\n`;
}

const refuse = (): Promise<never> => Promise.reject(new Error('A preview writes nothing.'));
/** The license writer of a preview: it writes nothing, so every write is a fault. */
const noWrites: LicenseWriter = {
  assignUserLicenses: refuse,
  assignGroupLicenses: refuse,
  setUsageLocation: refuse,
  reprocessUser: refuse,
  createDynamicGroup: refuse,
  writeMany: () => {
    throw new Error('A preview writes nothing.');
  },
};

function dependencies(directory: GraphDirectory, prices: MemoryPriceStore): RequestDependencies {
  return {
    directory: sameForEveryTenant(directory),
    licenses: sameForEveryTenant(noWrites),
    operations: new MemoryOperationStore(),
    operationItems: new MemoryOperationItemStore(),
    history: new MemoryHistoryLog(),
    templates: new MemoryTemplateStore(),
    approvalChannels: new MemoryApprovalChannelStore(),
    prices,
    policy: defaultApprovalPolicy,
    notifier: { changed: () => Promise.resolve() },
    leases: new MemoryLeaseStore(),
    instanceId: 'bench',
    clock: systemClock,
    logger: createLogger({ level: 'silent' }),
    newId: () => 'unused',
  };
}

const megan = DEMO_PEOPLE.find((person) => person.role === 'approver')!;
/** A License Approver of the demo tenant asks: the policy's decision is part of the preview. */
const CALLER: Caller = {
  tenantId: DEMO_TENANT_ID,
  userId: megan.id,
  displayName: megan.displayName,
  userPrincipalName: megan.userPrincipalName,
  role: 'approver',
};
const COMMAND: ChangeCommand = {
  kind: 'assign',
  license: 'Power BI Pro',
  users: [],
  withoutPlans: [],
  selection: { kind: 'filter', filter: FILTER },
};

/** The reads the simulator served since its counters were reset: each waits `latencyMs`. */
async function readsSince(control: SimulatorControl): Promise<number> {
  const delayed = findCounter(await control.counters(), ['totalDelayMs']) ?? 0;
  return Math.round(delayed / latencyMs);
}

const count = (n: number): string => n.toLocaleString('en-US');
const verdict = (value: number, target: number, unit: string): string =>
  `target ≤ ${count(target)} ${unit}: ${value <= target ? 'met' : 'MISSED'}`;
const cpuOf = (phase: Measured<unknown>): string =>
  `this process's CPU ${phase.cpuMs.toFixed(0)} ms`;

console.log(
  `bulk-preview: ${count(size)}-user simulated tenant, ${latencyMs} ms per Graph read; the ` +
    `simulator in its own process (the RSS below is License Desk's alone); ` +
    `${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(1)} at start`,
);
const sim = await startSimulator();
try {
  const graphBaseUrl = `${sim.url}/v1.0`;
  const control = new SimulatorControl(sim.url);
  const client = createGraphClient({
    graphBaseUrl,
    credential: { kind: 'staticToken', token: TOKEN },
  });
  const directory = new GraphDirectory(client, { objectIds: 'testTool' });
  const prices = new MemoryPriceStore();
  await seedPricesFromSimulator({
    simulatorUrl: sim.url,
    prices,
    tenantId: DEMO_TENANT_ID,
    now: new Date(),
  });
  const requests = requestUseCases(dependencies(directory, prices));
  await control.setFaults({ readLatencyMs: latencyMs, jitterMs: 0, latencySpread: 0 });
  await control.resetCounters();
  const baseRssMb = (gc(), mb(process.memoryUsage().rss));

  // 1. Preview of the filter selection, confirmed (the count-first answer reads the same pages).
  const preview = await measured(() => requests.preview(CALLER, COMMAND, { confirmed: true }));
  if (preview.value.kind !== 'preview') {
    throw new Error(`The preview answered ${JSON.stringify(preview.value).slice(0, 300)}`);
  }
  const selected = preview.value.selection?.count.count ?? 0;
  // The process's high-water mark too, which sampling cannot miss (it may include start-up).
  const highWaterMb = process.resourceUsage().maxRSS / 1024;
  const previewPeakRssMb = Math.max(preview.peakMb, highWaterMb);
  const previewReads = await readsSince(control);

  // 2. A file naming every user of the tenant (read without latency, not timed).
  await control.setFaults({ readLatencyMs: 0 });
  const upns = await allUpns(graphBaseUrl);
  await control.setFaults({ readLatencyMs: latencyMs });
  const csv = selectionCsv(upns);
  const parsed = await measured(() => {
    const records = readSelectionCsv(csv);
    return Promise.resolve(records.ok ? readSelectionRows(records.value) : records);
  });
  const parsedRows = parsed.value.ok ? parsed.value.value.rows.length : 0;
  const skus = await directory.listSkus();
  const resolve = (text: string) =>
    resolveSelectionCsv(text, { directory, skus, objectIds: 'testTool' });
  await control.resetCounters();
  const resolved = await measured(() => resolve(csv));
  if (!resolved.value.ok) {
    throw new Error(`The file was refused: ${resolved.value.failure.message}`);
  }
  const resolvedValue = resolved.value.value;
  const scanReads = await readsSince(control);

  // 3. The script: one awaited GET /users/{upn} per row, on a sample, extrapolated.
  const sample = upns.slice(0, scriptRows);
  const script = await measured(async () => {
    let found = 0;
    for (const upn of sample) {
      found += (await directory.findUser(upn)) === null ? 0 : 1;
    }
    return found;
  });
  const scriptResolveMs = (script.ms / sample.length) * upns.length;
  const throttled = findCounter(await control.counters(), ['throttled']) ?? 0;
  const csvResolveMs = resolved.ms;
  const ratio = csvResolveMs / scriptResolveMs;

  console.log(
    `preview of assign Power BI Pro to users where ${FILTER}: ${count(selected)} selected, ` +
      `${count(preview.value.impact.changeCount)} changes planned, ${previewReads} Graph reads`,
  );
  console.log(
    `  previewMs ${preview.ms.toFixed(0)} (${verdict(preview.ms, TARGETS.previewMs, 'ms')}); ` +
      `${previewReads} × ${latencyMs} ms latency = ${previewReads * latencyMs} ms, ${cpuOf(preview)}`,
  );
  console.log(
    `  previewPeakRssMb ${previewPeakRssMb.toFixed(0)} ` +
      `(${verdict(previewPeakRssMb, TARGETS.previewPeakRssMb, 'MB')}); ${baseRssMb.toFixed(0)} MB ` +
      `before; sampled ${preview.peakMb.toFixed(0)} MB, high-water mark ${highWaterMb.toFixed(0)} MB, ` +
      `peak heap used ${preview.peakHeapMb.toFixed(0)} MB`,
  );
  console.log(
    `CSV of ${count(upns.length)} rows (${mb(csv.length).toFixed(1)} MB), UserPrincipalName,LicenseSKU`,
  );
  console.log(
    `  csvParseMs ${parsed.ms.toFixed(0)} (${verdict(parsed.ms, TARGETS.csvParseMs, 'ms')}): ` +
      `readSelectionCsv + readSelectionRows, ${count(parsedRows)} rows well-formed`,
  );
  console.log(
    `  csvResolveMs ${csvResolveMs.toFixed(0)} (${verdict(csvResolveMs, TARGETS.csvResolveMs, 'ms')}): ` +
      `resolveSelectionCsv, parse included, strategy ${resolvedValue.strategy}, ${scanReads} Graph ` +
      `reads × ${latencyMs} ms = ${scanReads * latencyMs} ms, ${cpuOf(resolved)}; ` +
      `${count(resolvedValue.rows.length)} rows found, ${resolvedValue.problems.length} problems, ` +
      `peak RSS ${resolved.peakMb.toFixed(0)} MB`,
  );
  console.log(
    `script baseline: one awaited GET /users/{upn} per row (sequential), ` +
      `${script.ms.toFixed(0)} ms for ${sample.length} rows (${script.value} found)`,
  );
  console.log(
    `  scriptResolveMs ${scriptResolveMs.toFixed(0)} (${(scriptResolveMs / 60_000).toFixed(1)} min), ` +
      `EXTRAPOLATED linearly from ${sample.length} to ${count(upns.length)} rows`,
  );
  console.log(
    `  csvResolveMs / scriptResolveMs = ${ratio.toFixed(4)} (${(1 / ratio).toFixed(0)}× faster); ` +
      `429s ${throttled}; load average ${loadavg()[0]!.toFixed(1)} at the end`,
  );
  console.log(
    JSON.stringify({
      previewMs: Math.round(preview.ms),
      previewPeakRssMb: Math.round(previewPeakRssMb),
      csvParseMs: Math.round(parsed.ms),
      csvResolveMs: Math.round(csvResolveMs),
      scriptResolveMs: Math.round(scriptResolveMs),
      bench: 'bulk-preview',
      tenantUsers: size,
      readLatencyMs: latencyMs,
      previewSelected: selected,
      previewReads,
      previewCpuMs: Math.round(preview.cpuMs),
      csvRows: upns.length,
      csvResolved: resolvedValue.rows.length,
      csvResolveReads: scanReads,
      csvResolveCpuMs: Math.round(resolved.cpuMs),
      scriptSampleRows: sample.length,
      scriptExtrapolated: true,
      ratioToScript: Number(ratio.toFixed(5)),
      throttled,
      targetsMet: {
        previewMs: preview.ms <= TARGETS.previewMs,
        previewPeakRssMb: previewPeakRssMb <= TARGETS.previewPeakRssMb,
        csvParseMs: parsed.ms <= TARGETS.csvParseMs,
        csvResolveMs: csvResolveMs <= TARGETS.csvResolveMs,
      },
    }),
  );
} finally {
  await sim.stop();
}
