import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { runOperation } from '../../../src/app/runs/run-operation.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import {
  licensableUsers,
  POWER_BI_PRO,
  runDependencies,
  sharedStores,
  TENANT,
} from '../support/run-world.ts';

const USERS = 60;

let sim: RunningSimulator;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: 200 });
  targets = licensableUsers(sim, USERS);
});
afterAll(async () => {
  await sim.close();
});

describe("a run's checkpoints", () => {
  it('are told to the notifier as saved, and a notifier that throws does not stop the run', async () => {
    const stores = sharedStores();
    const told: StoredOperation[] = [];
    const deps = runDependencies(sim, stores, {
      instanceId: 'progress',
      writer: { budget: { writes: 200, windowMs: 1_000 } },
      notifier: {
        changed: () => Promise.resolve(),
        progressed: (operation) => {
          told.push(operation);
          if (told.length === 1) {
            throw new Error('Teams is gone');
          }
        },
      },
    });
    const { logger } = deps;
    await saveBulkAssign(stores, {
      id: 'op-progress',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'approved',
    });

    const finished = await runOperation(deps, TENANT, 'op-progress');

    expect(finished?.state).toBe('succeeded');
    // One once 25 or more users settled since the last (they are recorded 20 at a time), and
    // one at the end: each as saved, the run still running.
    expect(told.length).toBeGreaterThanOrEqual(2);
    for (const operation of told) {
      expect(operation.state).toBe('running');
      const counts = operation.checkpoint!.counts;
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(USERS);
    }
    const done = told.map((operation) => operation.checkpoint!.counts.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(USERS);
    expect(
      logger.lines.filter((line) => line.message === 'could not show the progress of a run'),
    ).toHaveLength(1);
  }, 30_000);
});
