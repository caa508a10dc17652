import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { usersOf } from '../../src/domain/operations/new-operation.ts';
import type { StoredOperation } from '../../src/app/ports/operation-store.ts';
import type { EmbeddedConfig } from '../../src/config.ts';
import type { EmbeddedServices } from '../../src/embedded/embedded-services.ts';
import { RESUME_JOB, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { executeValue } from '../bot/support/replies.ts';
import { startInstances, until, type Instances } from '../support/instances.ts';
import type { LogLine } from '../support/recording-logger.ts';

const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const OPERATION_ID = 'op-cut-by-a-shutdown';
// Long enough that no step of a close runs out of it on a loaded machine: the tests prove that
// close waited for the item in flight and nothing longer by the absence of the deadline warnings.
const DRAIN_MS = 5_000;
/** What a close logs when one of its steps had to give up at the drain deadline. */
const DEADLINE_WARNINGS = [
  'shutdown: turns still running after the drain timeout',
  'background jobs still running at stop',
  'runs still going at shutdown: their leases will lapse',
  'changes still being told at shutdown: the next start tells them',
];
const USERS = ['0022', '0023', '0024', '0025'].map(
  (end) => `00000000-0000-0000-0000-000000000${end}`,
);

/** Four people of the demo tenant with no license (not the ones the first test licenses). */
let CLICKED_USERS: string[] = [];

let instances: Instances;
let config: EmbeddedConfig;
let services: EmbeddedServices;
const simulator = (path: string, method?: string, body?: unknown) =>
  instances.simulator(path, method, body);
const assignLicenseCalls = () => instances.assignLicenseCalls();
/** Usage locations written (`PATCH /users/{id}`), the first writes of these runs' batches. */
async function usageLocationWrites(): Promise<number> {
  const body = (await simulator('/counters')) as { requests: { byRoute: Record<string, number> } };
  return Object.entries(body.requests.byRoute)
    .filter(([route]) => route.startsWith('PATCH /users'))
    .reduce((sum, [, count]) => sum + count, 0);
}
/** Polls more often than the 400 ms writes, to close in the middle of a run. */
const soon = <T>(read: () => Promise<T>, done: (value: T) => boolean) => until(read, done, 25);

/** The instances this test started: closed when it ends, so none of them runs into the next. */
const startedHere: RunningLicenseDesk[] = [];
async function start(): Promise<RunningLicenseDesk> {
  const desk = await instances.start();
  startedHere.push(desk);
  return desk;
}

/** The deadline warnings `desk` logged (instances log to a recording logger). */
function deadlinesHit(desk: RunningLicenseDesk): string[] {
  const { logger } = desk;
  if (!('lines' in logger) || !Array.isArray(logger.lines)) {
    throw new Error('The instances are expected to log to a recording logger.');
  }
  return (logger.lines as LogLine[])
    .map((line) => line.message)
    .filter((message) => DEADLINE_WARNINGS.includes(message));
}

/**
 * Slow license writes, counted from zero: set before a test stages its request, so whichever pass
 * takes the request up meets the same simulator.
 */
async function slowWrites(): Promise<void> {
  await simulator('/faults', 'PUT', { writeLatencyMs: 400, maxLatencyMs: 400 });
  await simulator('/counters/reset', 'POST');
}

/** A bulk request for `users`, as a process left it: `running` with every item planned, or `pending`. */
async function bulkRequest(
  desk: RunningLicenseDesk,
  id: string,
  users: string[],
  state: 'running' | 'pending',
): Promise<void> {
  const now = new Date();
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const items = users.map((user, index) => ({
    itemId: user,
    userId: user,
    userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
    displayName: `User ${index}`,
    body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] },
    setUsageLocation: 'US',
    state: 'planned' as const,
  }));
  const operation: StoredOperation = {
    id,
    tenantId: config.tenantId,
    kind: 'assign',
    state,
    requester: ALEX,
    summary: `Assign Microsoft 365 E5 to ${users.length} users`,
    ...usersOf(items),
    createdAt: at(10),
    updatedAt: at(5),
    expiresAt: at(-60 * 72),
    ...(state === 'running' && { decidedBy: MEGAN, decidedAt: at(5), startedAt: at(5) }),
    events: [],
  };
  // Items first: a pass that finds the request finds all of it.
  await desk.store.operationItems.createAll(config.tenantId, id, items);
  await desk.store.operations.create(operation);
}

beforeAll(async () => {
  instances = await startInstances({ drainTimeoutMs: DRAIN_MS });
  ({ config, services } = instances);
  const listed = await fetch(
    `${services.simulator.graphBaseUrl}/users?$top=100&$select=id,assignedLicenses`,
    {
      headers: { authorization: 'Bearer license-desk-tests' },
    },
  );
  const { value } = (await listed.json()) as {
    value: { id: string; assignedLicenses: unknown[] }[];
  };
  // No license yet: E5 goes on without clashing with plans they have.
  CLICKED_USERS = value
    .filter((user) => user.assignedLicenses.length === 0 && !USERS.includes(user.id))
    .map((user) => user.id)
    .slice(0, 4);
  expect(CLICKED_USERS).toHaveLength(4);
  // The bulk request sets their usage location first: they have none (a run re-checks each user
  // when it reaches them, and keeps a location someone else set).
  for (const user of USERS) {
    const cleared = await fetch(`${services.simulator.graphBaseUrl}/users/${user}`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer license-desk-tests', 'content-type': 'application/json' },
      body: JSON.stringify({ usageLocation: null }),
    });
    expect(cleared.status).toBe(204);
  }
});

afterEach(async () => {
  for (const desk of startedHere.splice(0)) {
    await desk.close();
  }
});

afterAll(async () => {
  await instances?.close();
});

describe('closing while a run is going', () => {
  it('returns within the deadline, leaves the run to resume, and nothing is sent twice', async () => {
    const a = await start();
    // Each license write takes a while: the close comes in the middle of the run.
    await slowWrites();
    await bulkRequest(a, OPERATION_ID, USERS, 'running');
    const pass = a.jobs.runNow(RESUME_JOB);
    // The first batch (the users' usage locations) is in Graph when the close comes.
    await soon(usageLocationWrites, (writes) => writes > 0);

    const closing = Date.now();
    await a.close();
    const took = Date.now() - closing;
    await pass;

    // Close waited for the item in flight, not for a deadline; and it came back in good time.
    expect(deadlinesHit(a)).toEqual([]);
    expect(took).toBeLessThan(2 * DRAIN_MS);
    const left = (await a.store.operations.get(config.tenantId, OPERATION_ID))?.value;
    expect(left?.state).toBe('running');
    // The batch in flight was answered; nothing new was sent after the close began.
    const sentBeforeClose = await assignLicenseCalls();
    expect(sentBeforeClose).toBeLessThan(USERS.length);

    await simulator('/faults', 'PUT', { writeLatencyMs: 0 });
    // The lease was given back: the next start resumes at once instead of waiting for it to lapse.
    const b = await start();
    const finished = await soon(
      async () => (await b.store.operations.get(config.tenantId, OPERATION_ID))!.value,
      (operation) => operation.state !== 'running',
    );
    expect(finished.outcome?.counts).toMatchObject({ done: USERS.length, planned: 0, sent: 0 });
    expect(finished.state).toBe('succeeded');
    expect(await assignLicenseCalls()).toBe(USERS.length);
    const history = await b.store.history.query(config.tenantId, { since: '2000-01-01T00:00:00Z' });
    const events = history.items.filter((event) => event.operationId === OPERATION_ID);
    expect(events.filter((event) => event.change === 'added')).toHaveLength(USERS.length);
    expect(events.filter((event) => event.change === 'usageLocationSet')).toHaveLength(
      USERS.length,
    );
  }, 60_000);

  it('waits for a run started after an approval click too, and the next start finishes it once', async () => {
    const a = await start();
    const operationId = 'op-approved-then-shut-down';
    await slowWrites();
    await bulkRequest(a, operationId, CLICKED_USERS, 'pending');
    const approval = await instances.post(a, MEGAN.userId, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: executeValue('request-approve', { operationId }),
    });
    expect(approval.status).toBe(200);
    await soon(usageLocationWrites, (writes) => writes > 0);

    const closing = Date.now();
    await a.close();
    const took = Date.now() - closing;
    expect(deadlinesHit(a)).toEqual([]);
    expect(took).toBeLessThan(2 * DRAIN_MS);
    const left = (await a.store.operations.get(config.tenantId, operationId))?.value;
    expect(left?.state).toBe('running');
    expect(await assignLicenseCalls()).toBeLessThan(CLICKED_USERS.length);

    await simulator('/faults', 'PUT', { writeLatencyMs: 0 });
    const b = await start();
    const finished = await soon(
      async () => (await b.store.operations.get(config.tenantId, operationId))!.value,
      (operation) => operation.state !== 'running',
    );
    expect(finished.state).toBe('succeeded');
    expect(await assignLicenseCalls()).toBe(CLICKED_USERS.length);
  }, 60_000);
});
