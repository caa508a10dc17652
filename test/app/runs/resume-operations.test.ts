import type { Directory } from '../../../src/app/ports/directory.ts';
import type { LicenseWriter } from '../../../src/app/ports/license-writer.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationNotifier } from '../../../src/app/ports/operation-notifier.ts';
import { usersOf } from '../../../src/domain/operations/new-operation.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { GIVE_UP_AFTER_MS, MAX_FAILED_ATTEMPTS } from '../../../src/app/runs/give-up-run.ts';
import { resumeOperations } from '../../../src/app/runs/resume-operations.ts';
import { RunsInFlight } from '../../../src/app/runs/runs-in-flight.ts';
import {
  OPERATION_LEASE_MS,
  operationLeaseName,
  runOperation,
} from '../../../src/app/runs/run-operation.ts';
import { LicensingError } from '../../../src/domain/errors.ts';
import type { OperationItem, OperationState } from '../../../src/domain/operations/operation.ts';
import { defaultApprovalPolicy } from '../../../src/domain/policy/approval-policy.ts';
import { createGraphClient, GraphDirectory, GraphLicenseWriter } from '../../../src/graph/index.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import {
  MemoryApprovalChannelStore,
  MemoryHistoryLog,
  MemoryLeaseStore,
  MemoryOperationItemStore,
  MemoryOperationStore,
  MemoryPriceStore,
  MemoryTemplateStore,
} from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { oneByOne } from '../support/one-by-one-writer.ts';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };
const ADELE = { id: '00000000-0000-0000-0000-0000000000022', upn: 'adelev', name: 'Adele Vance' };
const ISAIAH = {
  id: '00000000-0000-0000-0000-0000000000023',
  upn: 'isaiahl',
  name: 'Isaiah Langer',
};
const NOW = new Date('2026-11-23T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

type Person = typeof ADELE;

/** What the stores and the simulator hold, shared by the instances of one test. */
interface World {
  sim: RunningSimulator;
  operations: MemoryOperationStore;
  operationItems: MemoryOperationItemStore;
  history: MemoryHistoryLog;
  leases: MemoryLeaseStore;
  told: { operationId: string; from: OperationState; to: OperationState }[];
}

let world: World;

beforeEach(async () => {
  world = {
    sim: await startSimulator({ port: 0, size: 300 }),
    operations: new MemoryOperationStore(),
    operationItems: new MemoryOperationItemStore(),
    history: new MemoryHistoryLog(),
    leases: new MemoryLeaseStore(),
    told: [],
  };
});

afterEach(async () => {
  await world.sim.close();
});

/** What an instance reaches Graph with; a test may hold, fail or fake its calls. */
interface Graph {
  directory: Directory;
  licenses: LicenseWriter;
}

/** One License Desk process: its own Graph client and instance id over the shared stores. */
function instance(instanceId: string): RequestDependencies & { graph: Graph } {
  const client = createGraphClient({
    graphBaseUrl: world.sim.graphBaseUrl,
    credential: { kind: 'staticToken', token: 'license-desk-tests' },
  });
  const notifier: OperationNotifier = {
    changed: (operation, from) => {
      world.told.push({ operationId: operation.id, from, to: operation.state });
      return Promise.resolve();
    },
  };
  const graph: Graph = {
    directory: new GraphDirectory(client, { objectIds: 'testTool' }),
    // One write at a time, so a test can stop, hold or fail the run between two users.
    licenses: oneByOne(new GraphLicenseWriter(client)),
  };
  return {
    graph,
    directory: sameForEveryTenant(graph.directory),
    licenses: sameForEveryTenant(graph.licenses),
    operations: world.operations,
    operationItems: world.operationItems,
    history: world.history,
    templates: new MemoryTemplateStore(),
    approvalChannels: new MemoryApprovalChannelStore(),
    prices: new MemoryPriceStore(),
    policy: defaultApprovalPolicy,
    notifier,
    leases: world.leases,
    instanceId,
    clock: { now: () => NOW, sleep: () => Promise.resolve() },
    logger: recordingLogger(),
    newId: () => 'unused',
  };
}

const item = (person: Person, skuId = E5): OperationItem => ({
  itemId: person.id,
  userId: person.id,
  userPrincipalName: `${person.upn}@contoso.onmicrosoft.com`,
  displayName: person.name,
  body: { addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] },
  state: 'planned',
});

/** Saves an operation and its items as a process that died at that point left them. */
async function leftBehind(
  id: string,
  state: 'approved' | 'running',
  users: { person: Person; as: 'planned' | 'sent' }[],
  updatedAt = minutesAgo(10),
  skuId = E5,
): Promise<void> {
  const items = users.map(({ person }) => item(person, skuId));
  const operation: StoredOperation = {
    id,
    tenantId: TENANT,
    kind: 'assign',
    state,
    requester: ALEX,
    summary: `Assign Microsoft 365 E5 to ${users.length} users`,
    ...usersOf(items),
    createdAt: minutesAgo(20),
    updatedAt,
    expiresAt: '2026-11-26T10:00:00.000Z',
    decidedBy: MEGAN,
    decidedAt: minutesAgo(15),
    ...(state === 'running' && { startedAt: updatedAt }),
    events: [],
  };
  await world.operationItems.createAll(TENANT, id, items);
  await world.operations.create(operation);
  for (const { person, as } of users) {
    if (as === 'sent') {
      const stored = await world.operationItems.get(TENANT, id, person.id);
      await world.operationItems.move(TENANT, id, person.id, stored!.etag, { state: 'sent' });
    }
  }
}

async function simulator(path: string, method = 'GET'): Promise<unknown> {
  const res = await fetch(`${world.sim.url}/_simulator${path}`, { method });
  return res.json();
}

async function e5Holders(...people: Person[]): Promise<boolean[]> {
  return Promise.all(
    people.map(async (person) => {
      const body = (await simulator(`/users/${person.id}/licenses`)) as {
        assignedLicenses: { skuId: string }[];
      };
      return body.assignedLicenses.some((license) => license.skuId === E5);
    }),
  );
}

async function assignLicenseCalls(): Promise<number> {
  const body = (await simulator('/counters')) as { requests: { byRoute: Record<string, number> } };
  return Object.entries(body.requests.byRoute)
    .filter(([route]) => route.includes('assignLicense'))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function resetCounters(): Promise<void> {
  await fetch(`${world.sim.url}/_simulator/counters/reset`, { method: 'POST' });
}

async function stateOf(id: string) {
  const operation = (await world.operations.get(TENANT, id))!.value;
  const stored = await Promise.all(
    operation.firstUsers.map(
      async (user) => (await world.operationItems.get(TENANT, id, user.userId))!.value.state,
    ),
  );
  const results = operation.outcome?.firstResults.map((result) => result.state) ?? [];
  return { operation, results, stored };
}

async function historyOf(id: string) {
  const page = await world.history.query(TENANT);
  return page.items.filter((event) => event.operationId === id);
}

describe('resuming runs a dead process left', () => {
  it('runs an operation left approved, with a checkpoint, history, and the notifier told', async () => {
    expect(await e5Holders(ISAIAH)).toEqual([false]);
    await leftBehind('op-approved', 'approved', [{ person: ISAIAH, as: 'planned' }]);

    const pass = await resumeOperations(instance('instance-b'), [TENANT]);

    expect(pass.finished.map((operation) => operation.id)).toEqual(['op-approved']);
    const { operation, results, stored } = await stateOf('op-approved');
    expect(operation.state).toBe('succeeded');
    expect(results).toEqual(['done']);
    expect(stored).toEqual(['done']);
    expect(operation.checkpoint).toMatchObject({
      counts: { planned: 0, sent: 0, done: 1, failed: 0, skipped: 0, cancelled: 0 },
      runner: expect.stringMatching(/^instance-b:/),
    });
    expect(await e5Holders(ISAIAH)).toEqual([true]);
    expect(await historyOf('op-approved')).toMatchObject([
      { userId: ISAIAH.id, change: 'added', skuId: E5, result: 'succeeded' },
    ]);
    expect(world.told).toEqual([
      { operationId: 'op-approved', from: 'approved', to: 'running' },
      { operationId: 'op-approved', from: 'running', to: 'succeeded' },
    ]);
    // The lease was given back: nothing waits for it to expire.
    const claim = await world.leases.tryAcquire({
      tenantId: TENANT,
      name: operationLeaseName('op-approved'),
      holder: 'someone-else',
      durationMs: 1000,
      now: NOW,
    });
    expect(claim.acquired).toBe(true);
  });

  it('leaves an operation approved a moment ago to the process that approved it', async () => {
    await leftBehind('op-fresh', 'approved', [{ person: ISAIAH, as: 'planned' }], minutesAgo(0.5));
    const pass = await resumeOperations(instance('instance-b'), [TENANT]);
    expect(pass).toEqual({ finished: [], busy: 0, failed: 0 });
    expect((await stateOf('op-fresh')).operation.state).toBe('approved');
  });

  it('settles items left sent by reading: a write that took effect is not sent again, one that did not is', async () => {
    await leftBehind('op-sent', 'running', [
      { person: ADELE, as: 'sent' },
      { person: ISAIAH, as: 'sent' },
    ]);
    // Adele's write reached Graph before the process died; Isaiah's never left it.
    const graph = instance('instance-a');
    await graph.graph.licenses.assignUserLicenses(ADELE.id, item(ADELE).body);
    expect(await e5Holders(ADELE, ISAIAH)).toEqual([true, false]);
    await resetCounters();

    const pass = await resumeOperations(instance('instance-b'), [TENANT]);

    expect(pass.finished).toHaveLength(1);
    expect(await assignLicenseCalls()).toBe(1);
    expect(await e5Holders(ADELE, ISAIAH)).toEqual([true, true]);
    const { operation, results, stored } = await stateOf('op-sent');
    expect(operation.state).toBe('succeeded');
    expect(results).toEqual(['done', 'done']);
    expect(stored).toEqual(['done', 'done']);
    expect((await historyOf('op-sent')).map((event) => [event.userId, event.result])).toEqual(
      expect.arrayContaining([
        [ADELE.id, 'succeeded'],
        [ISAIAH.id, 'succeeded'],
      ]),
    );
    expect(await historyOf('op-sent')).toHaveLength(2);
    // Resumed, not started: the only change the notifier hears of is the finish.
    expect(world.told).toEqual([{ operationId: 'op-sent', from: 'running', to: 'succeeded' }]);
  });

  it('records a failure when the re-sent write is refused, and the operation fails', async () => {
    // A SKU the tenant does not have: Graph refuses the write when it is sent again.
    const unknownSku = '11111111-2222-3333-4444-555555555555';
    await leftBehind(
      'op-refused',
      'running',
      [{ person: ISAIAH, as: 'sent' }],
      minutesAgo(10),
      unknownSku,
    );
    const stored = (await world.operationItems.get(TENANT, 'op-refused', ISAIAH.id))!;
    expect(stored.value.state).toBe('sent');

    await resumeOperations(instance('instance-b'), [TENANT]);

    const { operation: after, stored: states } = await stateOf('op-refused');
    expect(after.state).toBe('failed');
    expect(states).toEqual(['failed']);
    expect(after.outcome?.firstResults[0]?.note).toBeTruthy();
    expect(after.outcome?.failures[0]?.count).toBe(1);
    expect(await historyOf('op-refused')).toMatchObject([{ result: 'failed' }]);
  });

  it('leaves a run alone while another instance holds its lease', async () => {
    await leftBehind('op-held', 'running', [{ person: ISAIAH, as: 'sent' }]);
    await world.leases.tryAcquire({
      tenantId: TENANT,
      name: operationLeaseName('op-held'),
      holder: 'instance-a',
      durationMs: OPERATION_LEASE_MS,
      now: new Date(NOW.getTime() - 10_000),
    });
    await resetCounters();

    const pass = await resumeOperations(instance('instance-b'), [TENANT]);

    expect(pass).toEqual({ finished: [], busy: 1, failed: 0 });
    expect(await stateOf('op-held')).toMatchObject({
      operation: { state: 'running' },
      stored: ['sent'],
    });
    expect(await assignLicenseCalls()).toBe(0);
    expect(world.told).toEqual([]);
  });

  it('takes over a run whose runner let its lease expire', async () => {
    await leftBehind('op-expired', 'running', [{ person: ISAIAH, as: 'sent' }]);
    await world.leases.tryAcquire({
      tenantId: TENANT,
      name: operationLeaseName('op-expired'),
      holder: 'instance-a',
      durationMs: OPERATION_LEASE_MS,
      now: new Date(NOW.getTime() - OPERATION_LEASE_MS - 1),
    });

    const pass = await resumeOperations(instance('instance-b'), [TENANT]);

    expect(pass.finished.map((operation) => operation.state)).toEqual(['succeeded']);
    expect(await e5Holders(ISAIAH)).toEqual([true]);
    expect((await stateOf('op-expired')).stored).toEqual(['done']);
  });

  it('runs a left-behind operation once when two instances resume at the same time', async () => {
    await leftBehind('op-raced', 'approved', [
      { person: ADELE, as: 'planned' },
      { person: ISAIAH, as: 'planned' },
    ]);
    await resetCounters();

    const passes = await Promise.all([
      resumeOperations(instance('instance-b'), [TENANT]),
      resumeOperations(instance('instance-c'), [TENANT]),
    ]);

    expect(passes.map((pass) => pass.finished.length).sort()).toEqual([0, 1]);
    expect(passes.map((pass) => pass.busy).sort()).toEqual([0, 1]);
    expect(await assignLicenseCalls()).toBe(2);
    expect(await historyOf('op-raced')).toHaveLength(2);
    expect(world.told.map((told) => told.to)).toEqual(['running', 'succeeded']);
  });

  it('stops a run whose lease was taken over midway, and leaves the rest to the new holder', async () => {
    await leftBehind('op-lost', 'approved', [
      { person: ADELE, as: 'planned' },
      { person: ISAIAH, as: 'planned' },
    ]);
    const b = instance('instance-b');
    let bNow = NOW;
    b.clock = { now: () => bNow, sleep: () => Promise.resolve() };
    // Instance b stalls after its first item until its lease has expired and c took it over.
    const first = b.graph.licenses.assignUserLicenses.bind(b.graph.licenses);
    b.graph.licenses.assignUserLicenses = async (userId, body) => {
      const answer = await first(userId, body);
      bNow = new Date(NOW.getTime() + 2 * OPERATION_LEASE_MS);
      await world.leases.tryAcquire({
        tenantId: TENANT,
        name: operationLeaseName('op-lost'),
        holder: 'instance-c',
        durationMs: OPERATION_LEASE_MS,
        now: bNow,
      });
      return answer;
    };

    expect(await runOperation(b, TENANT, 'op-lost')).toBeUndefined();
    expect(await stateOf('op-lost')).toMatchObject({
      operation: { state: 'running' },
      // The second user was taken with the first (a batch's worth at a time), never sent.
      stored: ['done', expect.stringMatching(/^(planned|sent)$/)],
    });
  });
});

/** A promise and the function that settles it: a Graph call held open until the test says. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('runs alive in this very process', () => {
  it('leaves a run in progress in the same process alone: the resume job does not join it', async () => {
    await leftBehind('op-live', 'approved', [{ person: ISAIAH, as: 'planned' }]);
    const a = instance('instance-a');
    const inGraph = gate();
    const release = gate();
    const send = a.graph.licenses.assignUserLicenses.bind(a.graph.licenses);
    a.graph.licenses.assignUserLicenses = async (userId, body) => {
      inGraph.open();
      await release.opened;
      return send(userId, body);
    };
    await resetCounters();
    const run = runOperation(a, TENANT, 'op-live');
    await inGraph.opened;

    // The same process's resume job, while the run's Graph call is in flight.
    const pass = await resumeOperations(a, [TENANT], { approvedGraceMs: 0 });
    release.open();

    expect(pass).toEqual({ finished: [], busy: 1, failed: 0 });
    expect((await run)?.state).toBe('succeeded');
    expect(await assignLicenseCalls()).toBe(1);
    expect(await historyOf('op-live')).toMatchObject([{ result: 'succeeded' }]);
  });

  it('calls a re-sent item done when the re-send is refused but another runner made the change', async () => {
    await leftBehind('op-applied', 'running', [{ person: ISAIAH, as: 'sent' }]);
    const b = instance('instance-b');
    const send = b.graph.licenses.assignUserLicenses.bind(b.graph.licenses);
    b.graph.licenses.assignUserLicenses = async (userId, body) => {
      // Another runner's call lands first; this one is refused, as a remove of a gone SKU is.
      await send(userId, body);
      throw new LicensingError({ code: 'UNKNOWN', message: 'Already changed.', retryable: false });
    };

    const pass = await resumeOperations(b, [TENANT]);

    expect(pass.finished.map((operation) => operation.state)).toEqual(['succeeded']);
    expect((await stateOf('op-applied')).stored).toEqual(['done']);
    expect(await historyOf('op-applied')).toMatchObject([{ result: 'succeeded' }]);
  });

  it('stops a run between items when the process stops, and the next start finishes it once', async () => {
    await leftBehind('op-stopped', 'approved', [
      { person: ADELE, as: 'planned' },
      { person: ISAIAH, as: 'planned' },
    ]);
    const a = { ...instance('instance-a'), runs: new RunsInFlight() };
    const send = a.graph.licenses.assignUserLicenses.bind(a.graph.licenses);
    a.graph.licenses.assignUserLicenses = async (userId, body) => {
      a.runs.stop();
      return send(userId, body);
    };
    await resetCounters();

    expect(await runOperation(a, TENANT, 'op-stopped')).toBeUndefined();
    expect(await a.runs.ended(1_000)).toBe(true);
    expect(await stateOf('op-stopped')).toMatchObject({
      operation: { state: 'running' },
      // The second user was taken with the first (a batch's worth at a time), never sent.
      stored: ['done', expect.stringMatching(/^(planned|sent)$/)],
    });
    // Its lease was given back: the next start need not wait for it to lapse.
    const pass = await resumeOperations(instance('instance-b'), [TENANT]);
    expect(pass.finished.map((operation) => operation.state)).toEqual(['succeeded']);
    expect(await assignLicenseCalls()).toBe(2);
    expect(await resumeOperations(a, [TENANT])).toEqual({ finished: [], busy: 0, failed: 0 });
  });
});

describe('checkpoints and runs that keep failing', () => {
  it('counts the items twice (start, outcome) and saves a checkpoint every few items, not a count per item', async () => {
    const people = Array.from({ length: 30 }, (_, index) => ({
      id: `00000000-0000-0000-0000-${String(9_000_000_000_000 + index)}`,
      upn: `bulk${index}`,
      name: `Bulk ${index}`,
    }));
    await leftBehind(
      'op-bulk',
      'approved',
      people.map((person) => ({ person, as: 'planned' as const })),
    );
    const a = instance('instance-a');
    // No Graph: the run's own writes are what is counted here.
    a.graph.licenses.assignUserLicenses = (userId) =>
      Promise.resolve({ id: userId } as Awaited<
        ReturnType<typeof a.graph.licenses.assignUserLicenses>
      >);
    let counts = 0;
    const countByState = world.operationItems.countByState.bind(world.operationItems);
    world.operationItems.countByState = (tenantId, operationId) => {
      counts += 1;
      return countByState(tenantId, operationId);
    };
    const checkpoints: number[] = [];
    const saveCheckpoint = world.operations.saveCheckpoint.bind(world.operations);
    world.operations.saveCheckpoint = (tenantId, id, checkpoint) => {
      checkpoints.push(checkpoint.counts.done);
      return saveCheckpoint(tenantId, id, checkpoint);
    };

    expect((await runOperation(a, TENANT, 'op-bulk'))?.state).toBe('succeeded');
    // Once to start from, once for the outcome: never a count per item.
    expect(counts).toBe(2);
    // Users are recorded 20 at a time: the first checkpoint comes once 25 are past (at 30).
    expect(checkpoints).toEqual([30, 30]);
    expect((await world.operations.get(TENANT, 'op-bulk'))!.value.checkpoint?.counts).toEqual({
      planned: 0,
      sent: 0,
      done: 30,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    });
  });

  it('gives up an operation after five failed attempts over an hour: items failed with a note, everyone told', async () => {
    await leftBehind('op-poison', 'running', [{ person: ISAIAH, as: 'planned' }]);
    const b = instance('instance-b');
    let bNow = NOW;
    b.clock = { now: () => bNow, sleep: () => Promise.resolve() };
    const get = world.operationItems.get.bind(world.operationItems);
    const listByState = world.operationItems.listByState.bind(world.operationItems);
    let broken = true;
    world.operationItems.get = (tenantId, operationId, itemId) =>
      broken
        ? Promise.reject(new Error('item document does not parse'))
        : get(tenantId, operationId, itemId);
    world.operationItems.listByState = (tenantId, operationId, state, page) =>
      broken
        ? Promise.reject(new Error('item document does not parse'))
        : listByState(tenantId, operationId, state, page);

    const passes = [];
    for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS; attempt += 1) {
      passes.push(await resumeOperations(b, [TENANT]));
      bNow = new Date(bNow.getTime() + GIVE_UP_AFTER_MS / (MAX_FAILED_ATTEMPTS - 1));
    }
    broken = false;

    expect(passes.slice(0, -1).map((pass) => pass.failed)).toEqual([1, 1, 1, 1]);
    expect(passes.at(-1)!.finished.map((operation) => operation.state)).toEqual(['failed']);
    const { operation, stored } = await stateOf('op-poison');
    expect(operation.state).toBe('failed');
    expect(operation.outcome?.unreadable).toMatch(/stopped after 5 failed attempts/);
    expect(operation.outcome?.counts).toMatchObject({ planned: 0, failed: 1 });
    // The item store is what breaks: its document stays as it was, the operation says why.
    expect(stored).toEqual(['planned']);
    expect(world.told).toEqual([{ operationId: 'op-poison', from: 'running', to: 'failed' }]);
    const logged = (b.logger as ReturnType<typeof recordingLogger>).lines;
    expect(logged.filter((line) => line.message.startsWith('could not resume a run'))).toHaveLength(
      MAX_FAILED_ATTEMPTS,
    );
    expect(await resumeOperations(b, [TENANT])).toEqual({ finished: [], busy: 0, failed: 0 });
  });

  it('does not give up after five quick failures: an outage of minutes fails no user', async () => {
    await leftBehind('op-outage', 'running', [{ person: ISAIAH, as: 'planned' }]);
    const b = instance('instance-b');
    const get = world.operationItems.get.bind(world.operationItems);
    const listByState = world.operationItems.listByState.bind(world.operationItems);
    let broken = true;
    world.operationItems.get = (tenantId, operationId, itemId) =>
      broken ? Promise.reject(new Error('Cosmos 503')) : get(tenantId, operationId, itemId);
    world.operationItems.listByState = (tenantId, operationId, state, page) =>
      broken
        ? Promise.reject(new Error('Cosmos 503'))
        : listByState(tenantId, operationId, state, page);

    for (let attempt = 0; attempt < MAX_FAILED_ATTEMPTS + 2; attempt += 1) {
      expect(await resumeOperations(b, [TENANT])).toEqual({ finished: [], busy: 0, failed: 1 });
    }
    expect((await world.operations.get(TENANT, 'op-outage'))!.value.checkpoint).toMatchObject({
      failedAttempts: MAX_FAILED_ATTEMPTS + 2,
      failingSince: NOW.toISOString(),
    });
    broken = false;

    const pass = await resumeOperations(b, [TENANT]);
    expect(pass.finished.map((operation) => operation.state)).toEqual(['succeeded']);
    expect((await stateOf('op-outage')).operation.checkpoint).not.toHaveProperty('failedAttempts');
  });

  it('forgets failures once a run gets further: a pass that breaks off after progress resets the count', async () => {
    const people = [ADELE, ISAIAH, ...bulkPeople(4)];
    await leftBehind(
      'op-flaky',
      'approved',
      people.map((person) => ({ person, as: 'planned' as const })),
    );
    // Transient: each user's first history write fails (after the item moved), the second works.
    const failedOnce = new Set<string>();
    const append = world.history.append.bind(world.history);
    world.history.append = (events) => {
      const first = events.filter((event) => !failedOnce.has(event.id));
      if (first.length > 0) {
        for (const event of first) {
          failedOnce.add(event.id);
        }
        return Promise.reject(new Error('Cosmos 503, once'));
      }
      return append(events);
    };
    const b = instance('instance-b');
    let bNow = NOW;
    b.clock = { now: () => bNow, sleep: () => Promise.resolve() };
    const fake = b.graph.licenses.assignUserLicenses.bind(b.graph.licenses);
    b.graph.licenses.assignUserLicenses = (userId, body) =>
      userId.startsWith('00000000-0000-0000-0000-9')
        ? Promise.resolve({ id: userId } as Awaited<ReturnType<typeof fake>>)
        : fake(userId, body);

    // One failure short of giving up, failing for long: the next failure would give it up…
    await world.operations.saveCheckpoint(TENANT, 'op-flaky', {
      counts: { planned: people.length, sent: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 },
      failedAttempts: MAX_FAILED_ATTEMPTS - 1,
      failingSince: minutesAgo(24 * 60),
      at: minutesAgo(1),
    });

    const passes = [];
    for (let pass = 0; pass < 3; pass += 1) {
      passes.push(await resumeOperations(b, [TENANT]));
      // Passes far apart: were failures counted across progress, time would not save the run.
      bNow = new Date(bNow.getTime() + GIVE_UP_AFTER_MS);
    }

    // …but the pass that broke off (history writes refused) got every user further: counted
    // afresh, the next pass writes the history again and finishes.
    expect(passes.map((pass) => pass.failed)).toEqual([1, 0, 0]);
    expect(passes[1]!.finished.map((operation) => operation.state)).toEqual(['succeeded']);
    const { operation, stored } = await stateOf('op-flaky');
    expect(stored).toEqual(people.map(() => 'done'));
    expect(operation.checkpoint).not.toHaveProperty('failedAttempts');
    expect(await historyOf('op-flaky')).toHaveLength(people.length);
  });

  it('leaves a user left sent for a later pass when their licenses cannot be read while giving up', async () => {
    await leftBehind('op-unread', 'running', [
      { person: ADELE, as: 'planned' },
      { person: ISAIAH, as: 'sent' },
    ]);
    await world.operations.saveCheckpoint(TENANT, 'op-unread', {
      counts: { planned: 1, sent: 1, done: 0, failed: 0, skipped: 0, cancelled: 0 },
      failedAttempts: MAX_FAILED_ATTEMPTS,
      failingSince: minutesAgo(90),
      at: minutesAgo(1),
    });
    const b = instance('instance-b');
    const findUser = b.graph.directory.findUser.bind(b.graph.directory);
    let graphDown = true;
    b.graph.directory.findUser = (userId) =>
      graphDown ? Promise.reject(new Error('Graph 503')) : findUser(userId);

    expect(await resumeOperations(b, [TENANT])).toEqual({ finished: [], busy: 1, failed: 0 });
    expect(await stateOf('op-unread')).toMatchObject({
      operation: { state: 'running' },
      stored: ['failed', 'sent'],
    });
    expect(world.told).toEqual([]);

    graphDown = false;
    const pass = await resumeOperations(b, [TENANT]);
    // Isaiah's change never took effect: failed now, with the note, Adele's failure kept.
    expect(pass.finished.map((operation) => operation.state)).toEqual(['failed']);
    expect((await stateOf('op-unread')).stored).toEqual(['failed', 'failed']);
    expect(world.told).toEqual([{ operationId: 'op-unread', from: 'running', to: 'failed' }]);
  });
});

/** Users the simulator does not have; the tests that use them answer for Graph themselves. */
function bulkPeople(count: number): Person[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-0000-0000-${String(9_000_000_000_000 + index)}`,
    upn: `bulk${index}`,
    name: `Bulk ${index}`,
  }));
}
