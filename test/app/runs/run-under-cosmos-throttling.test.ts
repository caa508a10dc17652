import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperation } from '../../../src/app/runs/run-operation.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import {
  defaultThrottleOptions,
  shrunkThrottleOptions,
} from '../../../src/simulator/throttle/options.ts';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../../src/store/embedded-cosmos.ts';
import { openCosmosStore, type CosmosStore } from '../../../src/store/index.ts';
import { createSelfSignedCertificate } from '../../../src/store/self-signed-certificate.ts';
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import {
  startThrottlingCosmosProxy,
  type ThrottlingCosmosProxy,
  type ThrottlingCounts,
} from '../../support/throttling-cosmos-proxy.ts';
import {
  licensableUsers,
  POWER_BI_PRO,
  runDependencies,
  sharedStores,
  TENANT,
} from '../support/run-world.ts';
import { operationHistory } from '../../support/operation-history.ts';

const USERS = 300;
/** 40 % of the writes to these containers are answered 429, as Cosmos over its RU/s does. */
const THROTTLED_CONTAINERS = ['operationItems', 'history', 'operations', 'leases'];
const SHARE = 0.4;
// Graph's windows shrunk 100× and the writer paced to match: Graph is not what slows this run.
const SHRINK = 100;
const throttle = shrunkThrottleOptions(SHRINK);

let sim: RunningSimulator;
let cosmos: EmbeddedCosmos;
let proxy: ThrottlingCosmosProxy;
let store: CosmosStore;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: Math.ceil(USERS * 1.4), throttle });
  targets = licensableUsers(sim, USERS);
  // The stand-in and the proxy in front of it serve one certificate, which the store's client
  // trusts (and only it).
  const certificate = createSelfSignedCertificate();
  cosmos = await startEmbeddedCosmos({ certificate });
  proxy = await startThrottlingCosmosProxy(cosmos, {
    certificate,
    containers: THROTTLED_CONTAINERS,
    share: SHARE,
    retryAfterMs: 20,
    seed: 9,
  });
  store = await openCosmosStore(
    { kind: 'embedded', database: `throttled-${randomUUID()}` },
    { embedded: proxy.standIn },
  );
});

afterAll(async () => {
  await store?.close();
  await proxy?.close();
  await cosmos?.close();
  await sim?.close();
});

const sum = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((total, count) => total + count, 0);

/** `after` minus `before`, container by container. */
const since = (before: ThrottlingCounts, after: ThrottlingCounts): ThrottlingCounts => {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([name, count]) => [name, count - (b[name] ?? 0)]));
  return {
    throttled: minus(after.throttled, before.throttled),
    forwarded: minus(after.forwarded, before.forwarded),
  };
};

describe(`a ${USERS}-user run while Cosmos throttles 40 % of its writes`, () => {
  it('only slows down: every user licensed, every item done, one history event each', async () => {
    const { operations, operationItems, history, leases } = store;
    const deps = {
      ...runDependencies(sim, sharedStores(), {
        instanceId: 'cosmos-throttled',
        writer: {
          budget: { writes: defaultThrottleOptions.writeBudget, windowMs: throttle.writeWindowMs },
        },
      }),
      operations,
      operationItems,
      history,
      leases,
    };
    await saveBulkAssign(deps, {
      id: 'op-cosmos-throttled',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'approved',
    });
    const beforeRun = proxy.counts();

    const started = performance.now();
    const finished = await runOperation(deps, TENANT, 'op-cosmos-throttled');
    const runMs = Math.round(performance.now() - started);

    const inRun = since(beforeRun, proxy.counts());
    const total = proxy.counts();
    console.info(
      `Cosmos throttling: ${sum(total.throttled)} writes answered 429 in all ` +
        `(${sum(inRun.throttled)} during the run: ${JSON.stringify(inRun.throttled)}); ` +
        `writes let through during the run: ${JSON.stringify(inRun.forwarded)}; ` +
        `the ${USERS}-user run took ${runMs} ms`,
    );

    // The run ended as if nothing had happened: succeeded, no pass broken off.
    expect(finished?.state).toBe('succeeded');
    expect(finished?.checkpoint?.failedAttempts).toBeUndefined();
    expect(await operationItems.countByState(TENANT, 'op-cosmos-throttled')).toEqual({
      planned: 0,
      sent: 0,
      done: USERS,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    });
    // No outcome the store refused (it would have stayed `sent` for a later run to settle).
    const warnings = deps.logger.lines.filter(
      (line) => line.level !== 'info' && line.level !== 'debug',
    );
    expect(warnings).toEqual([]);

    const tenant = sim.tenant();
    const licensed = targets.filter((id) =>
      tenant.findUser(id)!.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO),
    );
    expect(licensed).toHaveLength(USERS);

    const added = await operationHistory(history, TENANT, 'op-cosmos-throttled');
    expect(added).toHaveLength(USERS);
    expect(new Set(added.map((event) => event.userId)).size).toBe(USERS);
    expect(added.every((event) => event.result === 'succeeded')).toBe(true);

    // The throttling really happened, on the writes a run makes per user.
    expect(sum(inRun.throttled)).toBeGreaterThan(0);
    expect(inRun.throttled.operationItems ?? 0).toBeGreaterThan(0);
    expect(inRun.throttled.history ?? 0).toBeGreaterThan(0);
    // Writes per user stay bounded whatever was throttled: a 429 writes nothing and its retry
    // writes once. Items are marked sent and settled 20 at a time (a Cosmos batch each), their
    // history 20 at a time too, plus a few operation writes (start, checkpoints, finish) and
    // lease writes for the whole run: well under one write per user in all.
    expect(inRun.forwarded.operationItems).toBeGreaterThanOrEqual(USERS / 10);
    expect(inRun.forwarded.operationItems).toBeLessThanOrEqual(USERS / 5);
    expect(inRun.forwarded.history).toBeGreaterThanOrEqual(USERS / 20);
    expect(inRun.forwarded.history).toBeLessThanOrEqual(USERS / 10);
    expect((inRun.forwarded.operations ?? 0) + (inRun.forwarded.leases ?? 0)).toBeLessThan(
      USERS / 5,
    );
  }, 60_000);
});
