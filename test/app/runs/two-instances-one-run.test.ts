import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeOperations } from '../../../src/app/runs/resume-operations.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { shrunkThrottleOptions } from '../../../src/simulator/throttle/options.ts';
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import {
  licensableUsers,
  POWER_BI_PRO,
  runDependencies,
  sharedStores,
  TENANT,
} from '../support/run-world.ts';

const USERS = 1_000;

let sim: RunningSimulator;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: 1_500, throttle: shrunkThrottleOptions(20) });
  targets = licensableUsers(sim, USERS);
});

afterAll(async () => {
  await sim.close();
});

describe('two instances resuming the same 1,000-user run at once', () => {
  it('one runs it, the other leaves it alone: every user written once', async () => {
    const shared = sharedStores();
    const instance = (instanceId: string) =>
      runDependencies(sim, shared, {
        instanceId,
        writer: { budget: { writes: 3_000, windowMs: shrunkThrottleOptions(20).writeWindowMs } },
      });
    await saveBulkAssign(shared, {
      id: 'op-shared',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'running',
    });
    await fetch(`${sim.url}/_simulator/counters/reset`, { method: 'POST' });

    const passes = await Promise.all([
      resumeOperations(instance('instance-a'), [TENANT]),
      resumeOperations(instance('instance-b'), [TENANT]),
    ]);

    expect(passes.map((pass) => pass.finished.length).sort()).toEqual([0, 1]);
    expect(passes.map((pass) => pass.busy).sort()).toEqual([0, 1]);
    expect(passes.flatMap((pass) => pass.finished).map((op) => op.state)).toEqual(['succeeded']);
    const counters = (await (await fetch(`${sim.url}/_simulator/counters`)).json()) as {
      requests: { byRoute: Record<string, number> };
    };
    expect(counters.requests.byRoute['POST /users/{id}/assignLicense']).toBe(USERS);
    expect(await shared.operationItems.countByState(TENANT, 'op-shared')).toMatchObject({
      done: USERS,
    });
  }, 120_000);
});
