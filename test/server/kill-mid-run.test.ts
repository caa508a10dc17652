import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type EmbeddedConfig } from '../../src/config.ts';
import { startStandIns, type RunningStandIns } from '../../src/embedded/stand-ins.ts';
import { shrunkThrottleOptions } from '../../src/simulator/throttle/options.ts';
import { openCosmosStore, type CosmosStore } from '../../src/store/index.ts';
import { saveBulkAssign } from '../support/bulk-operation.ts';
import { freePort } from '../support/free-port.ts';
import { startNode } from '../support/node-process.ts';
import { operationHistory } from '../support/operation-history.ts';

const USERS = 5_000;
const KILLS = 5;
const OPERATION_ID = 'op-killed-five-times';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
// The demo tenant's write windows shrunk 10× (budgets kept): 200 writes/s, a minute of writes
// less than 30 s, and License Desk paces at the tenant's own budget.
const SHRINK = 10;

let standIns: RunningStandIns;
let store: CosmosStore;
let config: EmbeddedConfig;
let targets: string[];

/** A random whole number of milliseconds between `min` and `max`. */
const between = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min));

async function counts() {
  return store.operationItems.countByState(config.tenantId, OPERATION_ID);
}

/** `STANDINS=… npm start` (no Test Tool), over the stand-ins of this test. */
async function startBot() {
  const port = await freePort();
  const bot = startNode('src/main.ts', ['--no-test-tool'], {
    STANDINS: standIns.url,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // A killed process's run is taken over 5 s later, looked for every second.
    RUN_LEASE_SECONDS: '5',
    RESUME_INTERVAL_SECONDS: '1',
  });
  await bot.waitFor(/Ctrl\+C stops/, 30_000);
  return bot;
}

beforeAll(async () => {
  config = loadConfig({
    SIMULATOR_PORT: '0',
    COSMOS_PORT: '0',
    STANDINS_PORT: '0',
    SIMULATOR_SIZE: String(Math.ceil(USERS * 1.4)),
    LOG_LEVEL: 'silent',
  }) as EmbeddedConfig;
  standIns = await startStandIns(config);
  const tenant = standIns.services.simulator.tenant();
  const throttle = shrunkThrottleOptions(SHRINK);
  await fetch(`${standIns.services.simulator.url}/_simulator/throttle`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(throttle),
  });
  await fetch(`${standIns.services.simulator.url}/_simulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ writeLatencyMs: 50 }),
  });
  targets = tenant
    .users()
    .filter((user) => user.usageLocation !== null)
    .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO))
    .slice(0, USERS)
    .map((user) => user.id);
  expect(targets).toHaveLength(USERS);
  const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
  expect(tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + USERS + 10).ok).toBe(true);

  // The operation as a process left it that died once it had started: `running`, no lease.
  store = await openCosmosStore(config.cosmos, { embedded: standIns.services.cosmos });
  await saveBulkAssign(store, {
    id: OPERATION_ID,
    tenantId: config.tenantId,
    userIds: targets,
    skuId: POWER_BI_PRO,
    state: 'running',
  });
}, 120_000);

afterAll(async () => {
  await store?.close();
  await standIns?.close();
});

describe('License Desk killed (SIGKILL) five times in the middle of a 5,000-user run', () => {
  it('ends with the tenant as intended, every user written once to one end, one history event each', async () => {
    for (let kill = 0; kill < KILLS; kill += 1) {
      const before = (await counts()).done;
      const bot = await startBot();
      // Killed at a random point once it got further (it waits out the last one's lease first).
      const deadline = Date.now() + 30_000;
      while ((await counts()).done <= before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, between(200, 1_500)));
      bot.kill('SIGKILL');
      await bot.exited;
      const now = await counts();
      expect(now.done).toBeGreaterThan(before);
      expect(now.done).toBeLessThan(USERS);
    }

    const last = await startBot();
    try {
      const deadline = Date.now() + 150_000;
      let state = '';
      while (Date.now() < deadline) {
        state = (await store.operations.get(config.tenantId, OPERATION_ID))!.value.state;
        if (state !== 'running') {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(state).toBe('succeeded');
    } finally {
      last.kill('SIGTERM');
      await last.exited;
    }

    expect(await counts()).toEqual({
      planned: 0,
      sent: 0,
      done: USERS,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    });
    const tenant = standIns.services.simulator.tenant();
    const unlicensed = targets.filter(
      (id) =>
        !tenant.findUser(id)!.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO),
    );
    expect(unlicensed).toEqual([]);
    const events = await operationHistory(store.history, config.tenantId, OPERATION_ID);
    expect(events).toHaveLength(USERS);
    expect(new Set(events.map((event) => event.userId)).size).toBe(USERS);
    expect(events.every((event) => event.change === 'added' && event.result === 'succeeded')).toBe(
      true,
    );
    const finished = (await store.operations.get(config.tenantId, OPERATION_ID))!.value;
    expect(finished.checkpoint?.counts).toEqual({
      planned: 0,
      sent: 0,
      done: USERS,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    });
  }, 300_000);
});
