/**
 * bench/bulk-assign: 10,000 users assigned a SKU against the simulator, with Graph's write
 * budgets time-shrunk (every throttling window divided by `--shrink`, budgets kept, so the ratios
 * between limits stay Graph's), at 50 ms and 400 ms per write. Compares the batch writer with
 * the usual script (one awaited `assignLicense` per user, the SDK's default retry handler).
 *
 * The script is measured on a time slice (`--script-seconds`) and extrapolated to all users:
 * the output says so. Flags: --users=10000 --shrink=10 --script-seconds=20.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { LicenseWrite } from '../src/app/ports/license-writer.ts';
import { runBatchWrites } from '../src/graph/batch/batch-writer.ts';
import type { BatchTransport } from '../src/graph/batch/batch-transport.ts';
import { graphBatchTransport } from '../src/graph/batch/graph-batch-transport.ts';
import { createGraphClient } from '../src/graph/graph-client.ts';
import { systemClock } from '../src/graph/system-clock.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/index.ts';
import { shrunkThrottleOptions } from '../src/simulator/throttle/options.ts';
import { numberFlag } from './lib/bench-args.ts';
import { SimulatorControl, findCounter } from './lib/simulator-control.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const users = numberFlag('users', 10_000);
const shrink = numberFlag('shrink', 10);
const scriptSeconds = numberFlag('script-seconds', 20);
const latencies = [50, 400];

const throttle = shrunkThrottleOptions(shrink);
const budget = { writes: throttle.writeBudget, windowMs: throttle.writeWindowMs };
const budgetPerSecond = (budget.writes * 1000) / budget.windowMs;

interface RunFigures {
  method: 'batch writer' | 'script';
  latencyMs: number;
  items: number;
  itemsPerSecond: number;
  wallSeconds: number;
  throttled: number;
  failed: number;
  /** Users the run reported done who do not hold the SKU in the tenant afterwards. */
  lost: number;
  extrapolated: boolean;
}

/** Checks the tenant itself: every user reported done must hold the SKU now. */
function countLost(sim: RunningSimulator, done: readonly string[]): number {
  return done.filter(
    (id) =>
      !sim
        .tenant()
        .findUser(id)
        ?.licenseAssignmentStates.some((s) => s.skuId === POWER_BI_PRO),
  ).length;
}

/** A fresh simulator per run: a fresh tenant and full throttling budgets, nothing carried over. */
async function freshTenant(latencyMs: number): Promise<{
  sim: RunningSimulator;
  targets: string[];
  client: Client;
  control: SimulatorControl;
}> {
  const sim = await startSimulator({
    port: 0,
    size: Math.ceil(users * 1.4),
    throttle,
    faults: { writeLatencyMs: latencyMs, readLatencyMs: 0, jitterMs: 0 },
  });
  const control = new SimulatorControl(sim.url);
  const tenant = sim.tenant();
  const targets = tenant
    .users()
    .filter((user) => user.usageLocation !== null)
    .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO))
    .slice(0, users)
    .map((user) => user.id);
  if (targets.length < users) {
    throw new Error(`The seeded tenant has only ${targets.length} users who can take the SKU`);
  }
  const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO);
  await control.setSeats(POWER_BI_PRO, (sku?.consumedUnits ?? 0) + users + 100);
  await control.resetCounters();
  const client = createGraphClient({
    graphBaseUrl: sim.graphBaseUrl,
    credential: { kind: 'staticToken', token: 'bench-app' },
  });
  return { sim, targets, client, control };
}

function writesFor(targets: readonly string[]): LicenseWrite[] {
  return targets.map((userId) => ({
    key: userId,
    kind: 'assignLicense',
    userId,
    body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
  }));
}

async function served429s(control: SimulatorControl): Promise<number | undefined> {
  return findCounter(await control.counters(), [
    'throttled',
    'tooManyRequests',
    'responses429',
    'served429',
  ]);
}

async function runBatchWriter(latencyMs: number): Promise<RunFigures> {
  const { sim, targets, client, control } = await freshTenant(latencyMs);
  let innerThrottled = 0;
  const inner = graphBatchTransport(client);
  const transport: BatchTransport = async (steps) => {
    const answer = await inner(steps);
    if (answer.kind === 'answered') {
      innerThrottled += [...answer.responses.values()].filter((r) => r.status === 429).length;
    } else if (answer.kind === 'rejected' && answer.status === 429) {
      innerThrottled += steps.length;
    }
    return answer;
  };
  const started = performance.now();
  let failed = 0;
  let settled = 0;
  const done: string[] = [];
  const writes = writesFor(targets);
  for await (const outcome of runBatchWrites(writes, { transport, clock: systemClock, budget })) {
    settled += 1;
    if (outcome.ok) {
      done.push(outcome.key);
    } else {
      failed += 1;
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const throttled = (await served429s(control)) ?? innerThrottled;
  const lost = countLost(sim, done);
  await sim.close();
  if (settled !== targets.length) {
    throw new Error(`${targets.length - settled} writes never settled`);
  }
  return {
    method: 'batch writer',
    latencyMs,
    items: settled,
    itemsPerSecond: settled / wallSeconds,
    wallSeconds,
    throttled,
    failed,
    lost,
    extrapolated: false,
  };
}

async function runScript(latencyMs: number): Promise<RunFigures> {
  const { sim, targets, client, control } = await freshTenant(latencyMs);
  const started = performance.now();
  const deadline = started + scriptSeconds * 1000;
  let done = 0;
  let failed = 0;
  const succeeded: string[] = [];
  for (const userId of targets) {
    if (performance.now() >= deadline) {
      break;
    }
    try {
      await client
        .api(`/users/${userId}/assignLicense`)
        .post({ addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] });
      succeeded.push(userId);
    } catch {
      failed += 1;
    }
    done += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  const throttled = (await served429s(control)) ?? 0;
  const lost = countLost(sim, succeeded);
  await sim.close();
  const itemsPerSecond = done / elapsed;
  const complete = done === targets.length;
  return {
    method: 'script',
    latencyMs,
    items: done,
    itemsPerSecond,
    wallSeconds: complete ? elapsed : targets.length / itemsPerSecond,
    throttled,
    failed,
    lost,
    extrapolated: !complete,
  };
}

function line(f: RunFigures): string {
  const wall = `${f.wallSeconds.toFixed(1)} s${f.extrapolated ? ` (extrapolated from ${f.items} users in ${scriptSeconds} s)` : ''}`;
  return `${f.method.padEnd(12)} @${String(f.latencyMs).padStart(3)} ms: ${f.itemsPerSecond.toFixed(1).padStart(6)} items/s, wall ${wall}, 429s ${f.throttled}, failed ${f.failed}, lost ${f.lost}`;
}

console.log(
  `bulk-assign: ${users} users, Graph write budget ${budget.writes} per ${budget.windowMs / 1000} s ` +
    `(time shrunk ${shrink}×: ceiling ${budgetPerSecond.toFixed(0)} writes/s)`,
);
const results: {
  latencyMs: number;
  batch: RunFigures;
  script: RunFigures;
  shareOfCeiling: number;
  ratioToScript: number;
}[] = [];
for (const latencyMs of latencies) {
  const batch = await runBatchWriter(latencyMs);
  console.log(line(batch));
  const script = await runScript(latencyMs);
  console.log(line(script));
  const shareOfCeiling = batch.itemsPerSecond / budgetPerSecond;
  const ratioToScript = batch.itemsPerSecond / script.itemsPerSecond;
  console.log(
    `  → batch writer at ${(shareOfCeiling * 100).toFixed(1)} % of the throttling ceiling, ${ratioToScript.toFixed(1)}× the script`,
  );
  results.push({ latencyMs, batch, script, shareOfCeiling, ratioToScript });
}
console.log(
  JSON.stringify({
    bench: 'bulk-assign',
    users,
    shrink,
    budgetWritesPerSecond: budgetPerSecond,
    scriptExtrapolated: results.some((r) => r.script.extrapolated),
    results,
  }),
);
