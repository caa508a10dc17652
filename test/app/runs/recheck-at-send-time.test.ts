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
  sim = await startSimulator({ port: 0, size: 400 });
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

  it('sends the first users once their read is back, not after the whole page is read', async () => {
    const stores = sharedStores();
    const deps = runDependencies(sim, stores, { instanceId: 'recheck-parts' });
    // More users than one read of the recheck takes (150): the page is read in two parts.
    const ids = licensableUsers(sim, 160);
    const items = ids.map((userId, index): OperationItem => ({
      itemId: userId,
      userId,
      userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
      displayName: `User ${index}`,
      body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
      state: 'planned',
    }));
    await stores.operationItems.createAll(TENANT, 'op-recheck-parts', items);
    const at = new Date().toISOString();
    await stores.operations.create({
      id: 'op-recheck-parts',
      tenantId: TENANT,
      kind: 'assign',
      state: 'approved',
      requester: { userId: 'alex', displayName: 'Alex Wilber' },
      summary: 'Assign Power BI Pro to 160 users',
      ...usersOf(items),
      createdAt: at,
      updatedAt: at,
      expiresAt: at,
      events: [],
    });
    // The second read waits until a user was recorded done (or 5 s): a run that wanted the
    // whole page read before its first write would sit out the wait.
    const seen: string[] = [];
    let firstDone: () => void = () => {};
    const doneOnce = new Promise<void>((resolve) => (firstDone = resolve));
    const directory = deps.directory.forTenant(TENANT);
    const findUsers = directory.findUsers.bind(directory);
    let reads = 0;
    directory.findUsers = async (userIds) => {
      reads += 1;
      if (reads === 2) {
        await Promise.race([doneOnce, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      }
      seen.push(`read ${userIds.length}`);
      return findUsers(userIds);
    };
    const moveHeld = stores.operationItems.moveHeld.bind(stores.operationItems);
    stores.operationItems.moveHeld = async (tenantId, operationId, moves) => {
      const moved = await moveHeld(tenantId, operationId, moves);
      if (moves[0]?.outcome.state === 'done') {
        seen.push('done');
        firstDone();
      }
      return moved;
    };

    const finished = await runOperation(deps, TENANT, 'op-recheck-parts');

    expect(finished?.outcome?.counts).toMatchObject({ done: 160, failed: 0 });
    expect(seen[0]).toBe('read 150');
    expect(seen.indexOf('done')).toBeGreaterThan(0);
    expect(seen.indexOf('done')).toBeLessThan(seen.indexOf('read 10'));
  });
});
