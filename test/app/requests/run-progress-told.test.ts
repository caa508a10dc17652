import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { runOperation } from '../../../src/app/requests/run-operation.ts';
import { defaultApprovalPolicy } from '../../../src/domain/policy/approval-policy.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  systemClock,
} from '../../../src/graph/index.ts';
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
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import { recordingLogger } from '../../support/recording-logger.ts';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const USERS = 60;

let sim: RunningSimulator;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: 200 });
  const tenant = sim.tenant();
  targets = tenant
    .users()
    .filter((user) => user.usageLocation !== null)
    .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO))
    .slice(0, USERS)
    .map((user) => user.id);
  expect(targets).toHaveLength(USERS);
  const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
  expect(tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + USERS).ok).toBe(true);
});

afterAll(async () => {
  await sim.close();
});

describe("a run's checkpoints", () => {
  it('are told to the notifier as saved, and a notifier that throws does not stop the run', async () => {
    const client = createGraphClient({
      graphBaseUrl: sim.graphBaseUrl,
      credential: { kind: 'staticToken', token: 'license-desk-tests' },
    });
    const stores = {
      operations: new MemoryOperationStore(),
      operationItems: new MemoryOperationItemStore(),
      history: new MemoryHistoryLog(),
    };
    const told: StoredOperation[] = [];
    const logger = recordingLogger();
    const deps: RequestDependencies = {
      ...stores,
      directory: new GraphDirectory(client, { objectIds: 'testTool' }),
      licenses: new GraphLicenseWriter(client, { budget: { writes: 200, windowMs: 1_000 } }),
      templates: new MemoryTemplateStore(),
      approvalChannels: new MemoryApprovalChannelStore(),
      prices: new MemoryPriceStore(),
      policy: defaultApprovalPolicy,
      notifier: {
        changed: () => Promise.resolve(),
        progressed: (operation) => {
          told.push(operation);
          if (told.length === 1) {
            throw new Error('Teams is gone');
          }
        },
      },
      leases: new MemoryLeaseStore(),
      instanceId: 'progress',
      clock: systemClock,
      logger,
      newId: () => 'unused',
    };
    await saveBulkAssign(stores, {
      id: 'op-progress',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'approved',
    });

    const finished = await runOperation(deps, TENANT, 'op-progress');

    expect(finished?.state).toBe('succeeded');
    // One every 25 users settled, and one at the end: each as saved, the run still running.
    expect(told.length).toBeGreaterThanOrEqual(3);
    for (const operation of told) {
      expect(operation.state).toBe('running');
      const counts = operation.checkpoint!.counts;
      expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(USERS);
    }
    const done = told.map((operation) => operation.checkpoint!.counts.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(USERS);
    expect(
      logger.lines.filter((line) => line.message === 'could not show the progress of a run'),
    ).toHaveLength(1);
  }, 30_000);
});
