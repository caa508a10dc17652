import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperation } from '../../../src/app/runs/run-operation.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import {
  defaultThrottleOptions,
  shrunkThrottleOptions,
} from '../../../src/simulator/throttle/options.ts';
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import {
  licensableUsers,
  POWER_BI_PRO,
  runDependencies,
  sharedStores,
  TENANT,
} from '../support/run-world.ts';
import { operationHistory } from '../../support/operation-history.ts';

const USERS = 2_000;
// Graph's windows shrunk 100×, and the tenant's write budget a twentieth of Graph's: the writer
// paces for 2,000 writes/s, the tenant allows 100 (429s, which the writer must ride out).
const SHRINK = 100;
const throttle = {
  ...shrunkThrottleOptions(SHRINK),
  writeBudget: defaultThrottleOptions.writeBudget / 20,
};

let sim: RunningSimulator;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    size: Math.ceil(USERS * 1.4),
    throttle,
    // One request in ten fails: 503s, gateway timeouts and dropped connections, half of the
    // latter two after the write took effect.
    faults: { seed: 7, rate503: 0.04, rate504: 0.03, dropRate: 0.03, failAfterWriteRate: 0.5 },
  });
  targets = licensableUsers(sim, USERS);
});

afterAll(async () => {
  await sim.close();
});

describe('a 2,000-user run while Graph fails one request in ten and throttles', () => {
  it('ends with every user licensed once, one history event each, nothing lost', async () => {
    const stores = sharedStores();
    const { history, operationItems } = stores;
    const deps = runDependencies(sim, stores, {
      instanceId: 'faults',
      writer: {
        budget: { writes: defaultThrottleOptions.writeBudget, windowMs: throttle.writeWindowMs },
        // Retries come quickly here (their number is the product's).
        backoffBaseMs: 50,
        backoffMaxMs: 500,
      },
    });
    await saveBulkAssign(deps, {
      id: 'op-faults',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'approved',
    });

    const finished = await runOperation(deps, TENANT, 'op-faults');

    expect(finished?.state).toBe('succeeded');
    const counts = await operationItems.countByState(TENANT, 'op-faults');
    expect(counts).toEqual({
      planned: 0,
      sent: 0,
      done: USERS,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    });
    const tenant = sim.tenant();
    const licensed = targets.filter((id) =>
      tenant.findUser(id)!.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO),
    );
    expect(licensed).toHaveLength(USERS);
    const added = await operationHistory(history, TENANT, 'op-faults');
    expect(added).toHaveLength(USERS);
    expect(new Set(added.map((event) => event.userId)).size).toBe(USERS);
    expect(added.every((event) => event.result === 'succeeded')).toBe(true);
    // The faults and the throttling really happened.
    const counters = (await (await fetch(`${sim.url}/_simulator/counters`)).json()) as Record<
      string,
      unknown
    >;
    expect(counters.throttled).toBeGreaterThan(0);
    expect(JSON.stringify(counters.faultsInjected)).toMatch(/"drop":[1-9]/);
  }, 120_000);
});
