/**
 * bench/bulk-run: an approved operation of `--users` (10,000) users run by the product path —
 * `runOperation` with the Cosmos stand-in's item store, ETag-guarded item moves, checkpoints and
 * history, the Graph adapter's batch writer — against the simulator with Graph's throttling
 * windows shrunk `--shrink`× (budgets kept: ceiling 200 writes/s at 10×), at 50 ms and 400 ms per
 * write. Baseline in the same run: the batch writer alone on the same tenant, reset in between.
 *
 * The simulator and the Cosmos stand-in each run in a process of their own, so this process's
 * CPU and peak RSS are the run's. The run tells its changes and checkpoints through the product's
 * notifier: the request's two card copies (an approvers' channel, the requester's chat) are
 * redrawn with its progress, paced as in Teams, over HTTP to a local Bot Connector stand-in.
 */
import type { LicenseWrite } from '../src/app/ports/license-writer.ts';
import { sameForEveryTenant } from '../src/app/ports/per-tenant.ts';
import type { RequestDependencies } from '../src/app/requests/request-deps.ts';
import { runOperation } from '../src/app/runs/run-operation.ts';
import { defaultApprovalPolicy } from '../src/domain/policy/approval-policy.ts';
import type { EmbeddedServices } from '../src/embedded/embedded-services.ts';
import { runBatchWrites } from '../src/graph/batch/batch-writer.ts';
import { graphBatchTransport } from '../src/graph/batch/graph-batch-transport.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  systemClock,
} from '../src/graph/index.ts';
import { shrunkThrottleOptions } from '../src/simulator/throttle/options.ts';
import { createLogger } from '../src/logging.ts';
import { openCosmosStore } from '../src/store/index.ts';
import { RequestNotifier } from '../src/app/notices/request-notifier.ts';
import { TeamsCardWriter } from '../src/bot/requests/teams-card-writer.ts';
import { createBotAdapter } from '../src/server/bot-adapter.ts';
import { changeTelling } from '../src/server/compose/change-telling.ts';
import { ProactiveMessenger } from '../src/server/proactive-messenger.ts';
import { startLocalConnector } from '../test/support/connector.ts';
import { saveBulkAssign } from '../test/support/bulk-operation.ts';
import { numberFlag } from './lib/bench-args.ts';
import { startStandInProcesses } from './support/stand-in-processes.ts';
import { findCounter, SimulatorControl } from './lib/simulator-control.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const TENANT = '00000000-0000-0000-0000-0000000000001';
const TOKEN = 'bench-bulk-run';
const users = numberFlag('users', 10_000);
const shrink = numberFlag('shrink', 10);
const latencies = [50, 400];
const silentLogger = createLogger({ level: 'silent' });

const throttle = shrunkThrottleOptions(shrink);
const budget = { writes: throttle.writeBudget, windowMs: throttle.writeWindowMs };
const ceiling = (budget.writes * 1000) / budget.windowMs;

/** Users who can take the SKU (a usage location, not holding it), read through Graph. */
async function targetsOf(graphBaseUrl: string): Promise<string[]> {
  const found: string[] = [];
  let next: string | undefined =
    `${graphBaseUrl}/users?$select=id,usageLocation,assignedLicenses&$top=999`;
  while (next !== undefined && found.length < users) {
    const res = await fetch(next, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as {
      value: { id: string; usageLocation: string | null; assignedLicenses: { skuId: string }[] }[];
      '@odata.nextLink'?: string;
    };
    for (const user of body.value) {
      if (user.usageLocation && !user.assignedLicenses.some((l) => l.skuId === POWER_BI_PRO)) {
        found.push(user.id);
      }
    }
    next = body['@odata.nextLink'];
  }
  if (found.length < users) {
    throw new Error(`The tenant has only ${found.length} users who can take the SKU`);
  }
  return found.slice(0, users);
}

/** How many of `targets` hold the SKU now, read through Graph a page at a time. */
async function holders(graphBaseUrl: string, targets: readonly string[]): Promise<number> {
  const wanted = new Set(targets);
  let count = 0;
  let next: string | undefined = `${graphBaseUrl}/users?$select=id,assignedLicenses&$top=999`;
  while (next !== undefined) {
    const res = await fetch(next, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as {
      value: { id: string; assignedLicenses: { skuId: string }[] }[];
      '@odata.nextLink'?: string;
    };
    count += body.value.filter(
      (u) => wanted.has(u.id) && u.assignedLicenses.some((l) => l.skuId === POWER_BI_PRO),
    ).length;
    next = body['@odata.nextLink'];
  }
  return count;
}

/** Counts every call made on a store: Cosmos operations of the run (reads, queries, writes). */
function counted<T extends object>(store: T, tally: { calls: number }): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        tally.calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function prepare(control: SimulatorControl, latencyMs: number, graphBaseUrl: string) {
  await control.reset();
  await control.setThrottle(throttle);
  await control.setFaults({ writeLatencyMs: latencyMs, readLatencyMs: 0, jitterMs: 0 });
  const targets = await targetsOf(graphBaseUrl);
  const skus = (await (
    await fetch(`${graphBaseUrl}/subscribedSkus`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as { value: { skuId: string; consumedUnits: number }[] };
  const consumed = skus.value.find((sku) => sku.skuId === POWER_BI_PRO)?.consumedUnits ?? 0;
  await control.setSeats(POWER_BI_PRO, consumed + users + 100);
  await control.resetCounters();
  return targets;
}

async function throttled(control: SimulatorControl): Promise<number> {
  return (
    findCounter(await control.counters(), [
      'throttled',
      'tooManyRequests',
      'responses429',
      'served429',
    ]) ?? 0
  );
}

interface ProductFigures {
  itemsPerSecond: number;
  wallSeconds: number;
  cosmosPerUser: number;
  peakRssMb: number;
  throttled: number;
  failed: number;
  lost: number;
  state: string;
  /** Progress redraws of the request's card copies the local connector received. */
  redraws: number;
}

async function productRun(
  services: EmbeddedServices,
  latencyMs: number,
): Promise<{ figures: ProductFigures; writerAlone: number }> {
  const control = new SimulatorControl(services.simulator.url);
  const { graphBaseUrl } = services.simulator;
  const targets = await prepare(control, latencyMs, graphBaseUrl);
  const store = await openCosmosStore(
    { kind: 'embedded', database: `bench-${latencyMs}-${Date.now()}` },
    { embedded: services.cosmos },
  );
  const client = createGraphClient({
    graphBaseUrl,
    credential: { kind: 'staticToken', token: TOKEN },
  });
  const tally = { calls: 0 };
  const operationId = `bench-${latencyMs}`;
  await saveBulkAssign(store, {
    id: operationId,
    tenantId: TENANT,
    userIds: targets,
    skuId: POWER_BI_PRO,
    state: 'approved',
  });
  // The product's notifier: state changes told (a notice per change), checkpoints redrawn on
  // the request's card copies, paced per card, to a local Bot Connector over HTTP.
  const connector = await startLocalConnector();
  const telling = changeTelling(store, systemClock, silentLogger);
  const cards = new TeamsCardWriter({
    writer: new ProactiveMessenger(
      createBotAdapter({ auth: { kind: 'anonymous' }, logger: silentLogger }),
    ),
    cards: store.requestCards,
    conversations: store.conversations,
    operations: telling.operations,
    clock: systemClock,
    logger: silentLogger,
    retry: { sleep: (ms, signal) => systemClock.sleep(ms, signal) },
  });
  for (const [conversationId, audience] of [
    ['19:approvers@thread.tacv2', 'approvers'],
    ['a:personal-requester', 'requester'],
  ] as const) {
    await store.requestCards.add({
      tenantId: TENANT,
      operationId,
      conversationId,
      activityId: `card-${audience}`,
      reference: {
        serviceUrl: connector.serviceUrl,
        channelId: 'msteams',
        conversation: { id: conversationId },
        bot: { id: 'license-desk' },
      },
      audience,
      postedAt: new Date().toISOString(),
    });
  }
  const deps: RequestDependencies = {
    directory: sameForEveryTenant(new GraphDirectory(client, { objectIds: 'testTool' })),
    licenses: sameForEveryTenant(new GraphLicenseWriter(client, { budget })),
    operations: counted(telling.operations, tally),
    operationItems: counted(store.operationItems, tally),
    history: counted(store.history, tally),
    templates: store.templates,
    approvalChannels: store.approvalChannels,
    prices: store.prices,
    policy: defaultApprovalPolicy,
    notifier: new RequestNotifier({ telling, cards }),
    leases: counted(store.leases, tally),
    instanceId: 'bench',
    clock: systemClock,
    logger: silentLogger,
    newId: () => 'unused',
  };
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  const finished = await runOperation(deps, TENANT, operationId);
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const throttledCount = await throttled(control);
  const done = finished?.outcome?.counts.done ?? 0;
  const failed = finished?.outcome?.counts.failed ?? 0;
  const held = await holders(graphBaseUrl, targets);
  // The last redraws (the end of the run) are told after it: give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const redraws = connector.calls.filter((call) => call.method === 'PUT').length;
  await connector.close();
  await store.close();

  // Baseline: the batch writer alone, the same users on the same tenant seeded afresh.
  const again = await prepare(control, latencyMs, graphBaseUrl);
  const writes: LicenseWrite[] = again.map((userId) => ({
    key: userId,
    kind: 'assignLicense',
    userId,
    body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
  }));
  const writerStarted = performance.now();
  let settled = 0;
  for await (const _outcome of runBatchWrites(writes, {
    transport: graphBatchTransport(client),
    clock: systemClock,
    budget,
  })) {
    settled += 1;
  }
  const writerAlone = settled / ((performance.now() - writerStarted) / 1000);
  return {
    figures: {
      itemsPerSecond: done / wallSeconds,
      wallSeconds,
      cosmosPerUser: tally.calls / users,
      peakRssMb: peakRss / 1024 / 1024,
      throttled: throttledCount,
      failed,
      // Users the run called done who do not hold the SKU, plus users it never settled.
      lost: done - Math.min(done, held) + (users - done - failed),
      state: finished?.state ?? 'not finished',
      redraws,
    },
    writerAlone,
  };
}

console.log(
  `bulk-run: ${users} users, write budget ${budget.writes} per ${budget.windowMs / 1000} s ` +
    `(time shrunk ${shrink}×: ceiling ${ceiling.toFixed(0)} writes/s)`,
);
const standIns = await startStandInProcesses({
  SIMULATOR_SEED: '1',
  SIMULATOR_SIZE: String(Math.ceil(users * 1.4)),
});
const summary: Record<string, number> = {};
let lost = 0;
let peakRssMb = 0;
try {
  for (const latencyMs of latencies) {
    const { figures, writerAlone } = await productRun(standIns.services, latencyMs);
    const share = figures.itemsPerSecond / ceiling;
    console.log(
      `product path @${latencyMs} ms: ${figures.itemsPerSecond.toFixed(1)} items/s ` +
        `(${(share * 100).toFixed(1)} % of the ceiling), wall ${figures.wallSeconds.toFixed(1)} s, ` +
        `${figures.state}; Cosmos operations per user ${figures.cosmosPerUser.toFixed(2)}, ` +
        `peak RSS ${figures.peakRssMb.toFixed(0)} MB, 429s ${figures.throttled}, ` +
        `failed ${figures.failed}, lost ${figures.lost}; ` +
        `${figures.redraws} progress redraws of 2 card copies (${(figures.redraws / 2 / figures.wallSeconds).toFixed(2)}/s a copy)`,
    );
    console.log(
      `  batch writer alone @${latencyMs} ms: ${writerAlone.toFixed(1)} items/s → ratio ` +
        `${(figures.itemsPerSecond / writerAlone).toFixed(3)}`,
    );
    summary[`shareOfCeiling${latencyMs}`] = Number(share.toFixed(4));
    summary[`ratioToWriter${latencyMs}`] = Number(
      (figures.itemsPerSecond / writerAlone).toFixed(4),
    );
    summary[`cosmosPerUser${latencyMs}`] = Number(figures.cosmosPerUser.toFixed(2));
    summary[`redraws${latencyMs}`] = figures.redraws;
    lost += figures.lost;
    peakRssMb = Math.max(peakRssMb, figures.peakRssMb);
  }
} finally {
  await standIns.stop();
}
console.log(
  JSON.stringify({
    bench: 'bulk-run',
    users,
    shrink,
    ...summary,
    lost,
    peakRssMb: Math.round(peakRssMb),
  }),
);
