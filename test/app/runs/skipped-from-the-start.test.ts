import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperation } from '../../../src/app/runs/run-operation.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { usersOf } from '../../../src/domain/operations/new-operation.ts';
import type { OperationItem } from '../../../src/domain/operations/operation.ts';
import {
  licensableUsers,
  POWER_BI_PRO,
  runDependencies,
  sharedStores,
  TENANT,
} from '../support/run-world.ts';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: 200 });
});

afterAll(async () => {
  await sim.close();
});

describe('a run with users who had nothing to do from the start', () => {
  it('gives each user one history line, written once, and sums the skips up by reason', async () => {
    const stores = sharedStores();
    const deps = runDependencies(sim, stores, { instanceId: 'skips' });
    const [first, second, third] = licensableUsers(sim, 3);
    const item = (userId: string, index: number, skipped: boolean): OperationItem => ({
      itemId: userId,
      userId,
      userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
      displayName: `User ${index}`,
      body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
      state: skipped ? 'skipped' : 'planned',
      ...(skipped ? { note: 'Already has Power BI Pro.' } : {}),
    });
    const items = [item(first!, 1, false), item(second!, 2, true), item(third!, 3, true)];
    await stores.operationItems.createAll(TENANT, 'op-skips', items);
    const at = new Date().toISOString();
    await stores.operations.create({
      id: 'op-skips',
      tenantId: TENANT,
      kind: 'assign',
      state: 'approved',
      requester: { userId: 'alex', displayName: 'Alex Wilber' },
      summary: 'Assign Power BI Pro to 3 users',
      ...usersOf(items),
      createdAt: at,
      updatedAt: at,
      expiresAt: at,
      events: [],
    });
    let appended = 0;
    const append = stores.history.append.bind(stores.history);
    stores.history.append = (events) => {
      appended += events.length;
      return append(events);
    };

    const finished = await runOperation(deps, TENANT, 'op-skips');

    expect(finished?.state).toBe('succeeded');
    expect(finished?.outcome?.skips).toEqual([{ reason: 'Already has Power BI Pro.', count: 2 }]);
    expect(finished?.outcome?.notReached).toBe(0);
    const lines = (await stores.history.query(TENANT, { operationId: 'op-skips' })).items;
    expect(lines.map((line) => [line.userId, line.result]).sort()).toEqual(
      [
        [first, 'succeeded'],
        [second, 'skipped'],
        [third, 'skipped'],
      ].sort(),
    );
    // An uninterrupted run writes each line once: the skips are not taken for a resumed run.
    expect(appended).toBe(3);
  });
});
