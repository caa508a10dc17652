import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/app/identity/caller.ts';
import { decideRequest } from '../../../src/app/requests/decide-request.ts';
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

const USERS = 200;
const PATTI: Caller = {
  tenantId: TENANT,
  userId: '00000000-0000-0000-0000-0000000000024',
  displayName: 'Patti Fernandez',
  userPrincipalName: 'pattif@contoso.onmicrosoft.com',
  role: 'approver',
};

let sim: RunningSimulator;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: 400 });
  targets = licensableUsers(sim, USERS);
});

afterAll(async () => {
  await sim.close();
});

async function licenseWrites(): Promise<number> {
  const body = (await (await fetch(`${sim.url}/_simulator/counters`)).json()) as {
    requests: { byRoute: Record<string, number> };
  };
  return body.requests.byRoute['POST /users/{id}/assignLicense'] ?? 0;
}

describe('stopping a 200-user run half-way from its card', () => {
  it('sends nothing new, lets the batches in Graph finish, and ends the rest cancelled: the operation too', async () => {
    const stores = sharedStores();
    const deps = runDependencies(sim, stores, {
      instanceId: 'stop',
      // 40 writes a second: the run takes about five seconds.
      writer: { budget: { writes: 40, windowMs: 1_000 } },
    });
    await saveBulkAssign(stores, {
      id: 'op-stop',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'approved',
    });
    await fetch(`${sim.url}/_simulator/counters/reset`, { method: 'POST' });

    const run = runOperation(deps, TENANT, 'op-stop');
    while ((await stores.operationItems.countByState(TENANT, 'op-stop')).done < 40) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const stopped = await decideRequest(deps, PATTI, 'op-stop', { kind: 'cancel' });
    expect(stopped.ok).toBe(true);
    const finished = await run;

    expect(finished?.state).toBe('cancelled');
    expect(finished?.cancelRequested?.by.displayName).toBe('Patti Fernandez');
    const counts = await stores.operationItems.countByState(TENANT, 'op-stop');
    expect(counts.planned + counts.sent + counts.failed).toBe(0);
    expect(counts.done).toBeGreaterThanOrEqual(40);
    expect(counts.done).toBeLessThan(USERS);
    expect(counts.skipped).toBe(0);
    expect(counts.done + counts.cancelled).toBe(USERS);
    // Exactly the users called done were written to: none after the stop, none twice.
    expect(await licenseWrites()).toBe(counts.done);
    const licensed = targets.filter((id) =>
      sim
        .tenant()
        .findUser(id)!
        .licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO),
    );
    expect(licensed).toHaveLength(counts.done);
    expect(finished!.outcome?.notReached).toBe(counts.cancelled);
    const [left] = (await stores.operationItems.listByState(TENANT, 'op-stop', 'cancelled')).items;
    expect(left!.value.note).toBe(
      'Not done: Patti Fernandez stopped the run before it reached this user.',
    );
    const history = await stores.history.query(TENANT, {}, { pageSize: 1_000 });
    expect(history.items.filter((event) => event.result === 'succeeded')).toHaveLength(counts.done);
    expect(history.items.filter((event) => event.result === 'skipped')).toHaveLength(
      counts.cancelled,
    );
    // A second stop is answered from the state the first left.
    const again = await decideRequest(deps, PATTI, 'op-stop', { kind: 'cancel' });
    expect(again.ok).toBe(false);
  }, 60_000);
});
