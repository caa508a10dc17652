import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../src/app/ports/operation-store.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import {
  startEmbeddedServices,
  type EmbeddedServices,
} from '../../src/embedded/embedded-services.ts';
import {
  RESUME_JOB,
  startLicenseDesk,
  type RunningLicenseDesk,
} from '../../src/server/license-desk.ts';
import { executeValue } from '../bot/support/replies.ts';
import { personalConversationId, teamsActivity } from '../support/activities.ts';
import { startLocalConnector, type LocalConnector } from '../support/connector.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const OPERATION_ID = 'op-cut-by-a-shutdown';
const DRAIN_MS = 2_000;
const USERS = ['0022', '0023', '0024', '0025'].map(
  (end) => `00000000-0000-0000-0000-000000000${end}`,
);

/** Four people of the demo tenant with no license (not the ones the first test licenses). */
let CLICKED_USERS: string[] = [];

let config: Config;
let services: EmbeddedServices;
let connector: LocalConnector;
const desks: RunningLicenseDesk[] = [];

async function startInstance(): Promise<RunningLicenseDesk> {
  const desk = await startLicenseDesk(
    { ...config, port: 0 },
    { embedded: services, logger: recordingLogger(), drainTimeoutMs: DRAIN_MS },
  );
  desks.push(desk);
  return desk;
}

async function simulator(path: string, method = 'GET', body?: unknown): Promise<unknown> {
  const res = await fetch(`${services.simulator.url}/_simulator${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  return res.json();
}

async function assignLicenseCalls(): Promise<number> {
  const body = (await simulator('/counters')) as { requests: { byRoute: Record<string, number> } };
  return Object.entries(body.requests.byRoute)
    .filter(([route]) => route.includes('assignLicense'))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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
  const operation: StoredOperation = {
    id,
    tenantId: config.tenantId,
    kind: 'assign',
    state,
    requester: ALEX,
    summary: `Assign Microsoft 365 E5 to ${users.length} users`,
    items: users.map((user, index) => ({
      itemId: user,
      userId: user,
      userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
      displayName: `User ${index}`,
      body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] },
      setUsageLocation: 'US',
      state: 'planned' as const,
    })),
    createdAt: at(10),
    updatedAt: at(5),
    expiresAt: at(-60 * 72),
    ...(state === 'running' && { decidedBy: MEGAN, decidedAt: at(5), startedAt: at(5) }),
    events: [],
  };
  await desk.store.operations.create(operation);
  await desk.store.operationItems.createAll(config.tenantId, id, operation.items);
}

beforeAll(async () => {
  const loaded = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0', SIMULATOR_SIZE: '300' });
  if (loaded.mode !== 'embedded') {
    throw new Error('This test runs in the embedded mode.');
  }
  config = loaded;
  services = await startEmbeddedServices(loaded);
  connector = await startLocalConnector();
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
});

afterAll(async () => {
  for (const desk of desks) {
    await desk.close();
  }
  await connector?.close();
  await services?.close();
});

describe('closing while a run is going', () => {
  it('returns within the deadline, leaves the run to resume, and nothing is sent twice', async () => {
    const a = await startInstance();
    await bulkRequest(a, OPERATION_ID, USERS, 'running');
    await simulator('/counters/reset', 'POST');
    // Each license write takes a while: the close comes in the middle of the run.
    await simulator('/faults', 'PUT', { writeLatencyMs: 400, maxLatencyMs: 400 });
    const pass = a.jobs.runNow(RESUME_JOB);
    await until(assignLicenseCalls, (calls) => calls > 0);

    const closing = Date.now();
    await a.close();
    const took = Date.now() - closing;
    await pass;

    expect(took).toBeLessThan(DRAIN_MS + 1_000);
    const left = (await a.store.operations.get(config.tenantId, OPERATION_ID))?.value;
    expect(left?.state).toBe('running');
    const sentBeforeClose = await assignLicenseCalls();
    expect(sentBeforeClose).toBeGreaterThan(0);
    expect(sentBeforeClose).toBeLessThan(USERS.length);

    await simulator('/faults', 'PUT', { writeLatencyMs: 0 });
    // The lease was given back: the next start resumes at once instead of waiting for it to lapse.
    const b = await startInstance();
    const finished = await until(
      async () => (await b.store.operations.get(config.tenantId, OPERATION_ID))!.value,
      (operation) => operation.state !== 'running',
    );
    expect(finished.items.map((item) => item.note ?? item.state)).toEqual(USERS.map(() => 'done'));
    expect(finished.state).toBe('succeeded');
    expect(await assignLicenseCalls()).toBe(USERS.length);
    const history = await b.store.history.query(config.tenantId, { since: '2000-01-01T00:00:00Z' });
    expect(history.items.filter((event) => event.operationId === OPERATION_ID)).toHaveLength(
      USERS.length,
    );
  });
  it('waits for a run started after an approval click too, and the next start finishes it once', async () => {
    const a = await startInstance();
    const operationId = 'op-approved-then-shut-down';
    await bulkRequest(a, operationId, CLICKED_USERS, 'pending');
    await simulator('/counters/reset', 'POST');
    await simulator('/faults', 'PUT', { writeLatencyMs: 400, maxLatencyMs: 400 });
    const approval = await fetch(`${a.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        teamsActivity(
          connector.serviceUrl,
          { aadObjectId: MEGAN.userId, tenantId: config.tenantId },
          {
            type: 'invoke',
            name: 'adaptiveCard/action',
            value: executeValue('request-approve', { operationId }),
            conversation: {
              id: personalConversationId(MEGAN.userId),
              conversationType: 'personal',
              tenantId: config.tenantId,
              isGroup: false,
              name: '',
            },
          },
        ),
      ),
    });
    expect(approval.status).toBe(200);
    await until(assignLicenseCalls, (calls) => calls > 0);

    const closing = Date.now();
    await a.close();
    expect(Date.now() - closing).toBeLessThan(DRAIN_MS + 1_000);
    const left = (await a.store.operations.get(config.tenantId, operationId))?.value;
    expect(left?.state).toBe('running');
    expect(await assignLicenseCalls()).toBeLessThan(CLICKED_USERS.length);

    await simulator('/faults', 'PUT', { writeLatencyMs: 0 });
    const b = await startInstance();
    const finished = await until(
      async () => (await b.store.operations.get(config.tenantId, operationId))!.value,
      (operation) => operation.state !== 'running',
    );
    expect(finished.state).toBe('succeeded');
    expect(await assignLicenseCalls()).toBe(CLICKED_USERS.length);
  });
});
