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
import { recordingLogger } from '../support/recording-logger.ts';

const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const OPERATION_ID = 'op-cut-by-a-shutdown';
const DRAIN_MS = 2_000;
const USERS = ['0022', '0023', '0024', '0025'].map(
  (end) => `00000000-0000-0000-0000-000000000${end}`,
);

let config: Config;
let services: EmbeddedServices;
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

/** A bulk run a stopped process left running with every item planned and no lease. */
async function runLeftRunning(desk: RunningLicenseDesk): Promise<void> {
  const now = new Date();
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const operation: StoredOperation = {
    id: OPERATION_ID,
    tenantId: config.tenantId,
    kind: 'assign',
    state: 'running',
    requester: ALEX,
    summary: `Assign Microsoft 365 E5 to ${USERS.length} users`,
    items: USERS.map((id, index) => ({
      itemId: id,
      userId: id,
      userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
      displayName: `User ${index}`,
      body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] },
      setUsageLocation: 'US',
      state: 'planned' as const,
    })),
    createdAt: at(10),
    updatedAt: at(5),
    expiresAt: at(-60 * 72),
    decidedBy: MEGAN,
    decidedAt: at(5),
    startedAt: at(5),
    events: [],
  };
  await desk.store.operations.create(operation);
  await desk.store.operationItems.createAll(config.tenantId, OPERATION_ID, operation.items);
}

beforeAll(async () => {
  const loaded = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0', SIMULATOR_SIZE: '300' });
  if (loaded.mode !== 'embedded') {
    throw new Error('This test runs in the embedded mode.');
  }
  config = loaded;
  services = await startEmbeddedServices(loaded);
});

afterAll(async () => {
  for (const desk of desks) {
    await desk.close();
  }
  await services?.close();
});

describe('closing while a run is going', () => {
  it('returns within the deadline, leaves the run to resume, and nothing is sent twice', async () => {
    const a = await startInstance();
    await runLeftRunning(a);
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
});
