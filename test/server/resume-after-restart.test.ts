import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersOf } from '../../src/domain/operations/new-operation.ts';
import type { StoredOperation } from '../../src/app/ports/operation-store.ts';
import { operationLeaseName } from '../../src/app/runs/run-operation.ts';
import type { EmbeddedConfig } from '../../src/config.ts';
import type { EmbeddedServices } from '../../src/embedded/embedded-services.ts';
import { createGraphClient, GraphLicenseWriter } from '../../src/graph/index.ts';
import type { RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { personalConversationId } from '../support/activities.ts';
import type { LocalConnector } from '../support/connector.ts';
import { startInstances, until, type Instances } from '../support/instances.ts';

const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };
const ADELE = { id: '00000000-0000-0000-0000-0000000000022', upn: 'adelev', name: 'Adele Vance' };
const ISAIAH = {
  id: '00000000-0000-0000-0000-0000000000023',
  upn: 'isaiahl',
  name: 'Isaiah Langer',
};
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const OPERATION_ID = 'op-left-by-a-crash';
const CRASHED = 'crashed-host:4242:deadbeef';

let instances: Instances;
let config: EmbeddedConfig;
let services: EmbeddedServices;
let connector: LocalConnector;
const simulator = (path: string, method?: string) => instances.simulator(path, method);

async function e5Holders(...people: (typeof ADELE)[]): Promise<boolean[]> {
  return Promise.all(
    people.map(async (person) => {
      const body = (await simulator(`/users/${person.id}/licenses`)) as {
        assignedLicenses: { skuId: string }[];
      };
      return body.assignedLicenses.some((license) => license.skuId === E5);
    }),
  );
}

const itemFor = (person: typeof ADELE) => ({
  itemId: person.id,
  userId: person.id,
  userPrincipalName: `${person.upn}@contoso.onmicrosoft.com`,
  displayName: person.name,
  body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] },
  state: 'planned' as const,
});

/**
 * What instance A's store holds when it died mid-run: the operation `running`, both items marked
 * `sent`, Isaiah's write already made in Graph (the answer never got back), Adele's never sent,
 * and A's lease on the run.
 */
async function crashMidRun(desk: RunningLicenseDesk): Promise<void> {
  const now = new Date();
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  // A held the run's lease before it wrote anything (and renewed it a moment before it died):
  // taken first, so this instance's own start-up resume job cannot take the run meanwhile.
  await desk.store.leases.tryAcquire({
    tenantId: config.tenantId,
    name: operationLeaseName(OPERATION_ID),
    holder: CRASHED,
    durationMs: 60_000,
    now,
  });
  const operation: StoredOperation = {
    id: OPERATION_ID,
    tenantId: config.tenantId,
    kind: 'assign',
    state: 'running',
    requester: ALEX,
    summary: 'Assign Microsoft 365 E5 to 2 users',
    ...usersOf([itemFor(ADELE), itemFor(ISAIAH)]),
    createdAt: at(10),
    updatedAt: at(5),
    expiresAt: at(-60 * 72),
    decidedBy: MEGAN,
    decidedAt: at(5),
    startedAt: at(5),
    events: [],
  };
  await desk.store.operationItems.createAll(config.tenantId, OPERATION_ID, [
    itemFor(ADELE),
    itemFor(ISAIAH),
  ]);
  await desk.store.operations.create(operation);
  for (const person of [ADELE, ISAIAH]) {
    const planned = await desk.store.operationItems.get(config.tenantId, OPERATION_ID, person.id);
    await desk.store.operationItems.move(config.tenantId, OPERATION_ID, person.id, planned!.etag, {
      state: 'sent',
    });
  }
  const graph = new GraphLicenseWriter(
    createGraphClient({
      graphBaseUrl: services.simulator.graphBaseUrl,
      credential: config.graph.credential,
    }),
  );
  await graph.assignUserLicenses(ISAIAH.id, itemFor(ISAIAH).body);
}

/** A minute later: A never renewed its lease, so it has expired. */
async function leaseLapses(desk: RunningLicenseDesk): Promise<void> {
  await desk.store.leases.tryAcquire({
    tenantId: config.tenantId,
    name: operationLeaseName(OPERATION_ID),
    holder: CRASHED,
    durationMs: 60_000,
    now: new Date(Date.now() - 61_000),
  });
}

beforeAll(async () => {
  instances = await startInstances();
  ({ config, services, connector } = instances);
});

afterAll(async () => {
  await instances?.close();
});

describe('a run left unfinished by a process that died', () => {
  it('is finished by the next instance: each user licensed once, history once, requester told', async () => {
    const a = await instances.start();
    // Alex has the app: the bot knows his personal chat.
    const installed = await instances.post(a, ALEX.userId, {
      type: 'installationUpdate',
      action: 'add',
    });
    expect(installed.status).toBeLessThan(300);
    expect(await e5Holders(ADELE, ISAIAH)).toEqual([false, false]);

    await crashMidRun(a);
    await a.close();
    await leaseLapses(a);
    await simulator('/counters/reset', 'POST');
    const before = connector.calls.length;

    const b = await instances.start();

    const finished = await until(
      async () => (await b.store.operations.get(config.tenantId, OPERATION_ID))!.value,
      (operation) => operation.state === 'succeeded',
    );
    expect(finished.state).toBe('succeeded');
    expect(finished.outcome?.firstResults.map((result) => result.state)).toEqual(['done', 'done']);
    for (const person of [ADELE, ISAIAH]) {
      expect(
        (await b.store.operationItems.get(config.tenantId, OPERATION_ID, person.id))!.value.state,
      ).toBe('done');
    }
    // Isaiah's write had taken effect: only Adele's was sent.
    expect(await instances.assignLicenseCalls()).toBe(1);
    expect(await e5Holders(ADELE, ISAIAH)).toEqual([true, true]);
    const history = await b.store.history.query(config.tenantId, { since: '2000-01-01T00:00:00Z' });
    const lines = history.items.filter((event) => event.operationId === OPERATION_ID);
    expect(lines.map((event) => [event.userId, event.change, event.result]).sort()).toEqual([
      [ADELE.id, 'added', 'succeeded'],
      [ISAIAH.id, 'added', 'succeeded'],
    ]);
    const told = await until(
      () =>
        Promise.resolve(
          connector.calls
            .slice(before)
            .filter(
              (call) =>
                call.conversationId === personalConversationId(ALEX.userId) &&
                typeof call.activity.text === 'string' &&
                call.activity.text.startsWith('Done:'),
            ),
        ),
      (calls) => calls.length > 0,
    );
    expect(told.map((call) => call.activity.text)).toEqual([
      'Done: "Assign Microsoft 365 E5 to 2 users".',
    ]);
  });
});
