import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperation } from '../../../src/app/runs/run-operation.ts';
import { usersOf } from '../../../src/domain/operations/new-operation.ts';
import type { OperationItem } from '../../../src/domain/operations/operation.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { graph } from '../../simulator/http/client.ts';
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

describe('a run re-checks each user when it reaches them', () => {
  it('skips a user someone changed as asked since the request, and sends the others', async () => {
    const stores = sharedStores();
    const deps = runDependencies(sim, stores, { instanceId: 'recheck' });
    const ids = licensableUsers(sim, 6);
    const items = ids.map((userId, index): OperationItem => ({
      itemId: userId,
      userId,
      userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
      displayName: `User ${index}`,
      body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
      state: 'planned',
    }));
    await stores.operationItems.createAll(TENANT, 'op-recheck', items);
    const at = new Date().toISOString();
    await stores.operations.create({
      id: 'op-recheck',
      tenantId: TENANT,
      kind: 'assign',
      state: 'approved',
      requester: { userId: 'alex', displayName: 'Alex Wilber' },
      summary: 'Assign Power BI Pro to 6 users',
      ...usersOf(items),
      createdAt: at,
      updatedAt: at,
      expiresAt: at,
      events: [],
    });
    // Between the request and its run, another admin gives two of them the license.
    for (const userId of ids.slice(0, 2)) {
      const answer = await graph(sim, `/users/${userId}/assignLicense`, {
        method: 'POST',
        body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
      });
      expect(answer.status).toBe(200);
    }
    const before = await fetch(`${sim.url}/_simulator/counters`).then(
      (res) => res.json() as Promise<{ requests: { byRoute: Record<string, number> } }>,
    );

    const finished = await runOperation(deps, TENANT, 'op-recheck');

    expect(finished?.state).toBe('succeeded');
    expect(finished?.outcome?.counts).toMatchObject({ done: 4, skipped: 2, failed: 0 });
    const skipped = (await stores.operationItems.listByState(TENANT, 'op-recheck', 'skipped'))
      .items;
    expect(skipped.map((item) => item.value.userId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(skipped[0]!.value.note).toMatch(/already as asked when the run reached them/);
    const lines = (await stores.history.query(TENANT, { operationId: 'op-recheck' })).items;
    expect(lines).toHaveLength(6);
    // Only the four users still without the license were written to (in one `$batch`).
    const after = await fetch(`${sim.url}/_simulator/counters`).then(
      (res) => res.json() as Promise<{ requests: { byRoute: Record<string, number> } }>,
    );
    const writes = (counters: { requests: { byRoute: Record<string, number> } }) =>
      Object.entries(counters.requests.byRoute)
        .filter(([route]) => route.includes('assignLicense'))
        .reduce((sum, [, count]) => sum + count, 0);
    expect(writes(after) - writes(before)).toBe(4);
  });
});
