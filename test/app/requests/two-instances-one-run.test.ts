import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { resumeOperations } from '../../../src/app/requests/resume-operations.ts';
import { defaultApprovalPolicy } from '../../../src/domain/policy/approval-policy.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  systemClock,
} from '../../../src/graph/index.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { shrunkThrottleOptions } from '../../../src/simulator/throttle/options.ts';
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
const USERS = 1_000;

let sim: RunningSimulator;
let targets: string[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, size: 1_500, throttle: shrunkThrottleOptions(20) });
  const tenant = sim.tenant();
  targets = tenant
    .users()
    .filter((user) => user.usageLocation !== null)
    .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO))
    .slice(0, USERS)
    .map((user) => user.id);
  expect(targets).toHaveLength(USERS);
  const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
  expect(tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + USERS + 10).ok).toBe(true);
});

afterAll(async () => {
  await sim.close();
});

describe('two instances resuming the same 1,000-user run at once', () => {
  it('one runs it, the other leaves it alone: every user written once', async () => {
    const shared = {
      operations: new MemoryOperationStore(),
      operationItems: new MemoryOperationItemStore(),
      history: new MemoryHistoryLog(),
      leases: new MemoryLeaseStore(),
    };
    const instance = (instanceId: string): RequestDependencies => {
      const client = createGraphClient({
        graphBaseUrl: sim.graphBaseUrl,
        credential: { kind: 'staticToken', token: 'license-desk-tests' },
      });
      return {
        ...shared,
        directory: new GraphDirectory(client, { objectIds: 'testTool' }),
        licenses: new GraphLicenseWriter(client, {
          budget: { writes: 3_000, windowMs: shrunkThrottleOptions(20).writeWindowMs },
        }),
        templates: new MemoryTemplateStore(),
        approvalChannels: new MemoryApprovalChannelStore(),
        prices: new MemoryPriceStore(),
        policy: defaultApprovalPolicy,
        notifier: { changed: () => Promise.resolve() },
        instanceId,
        clock: systemClock,
        logger: recordingLogger(),
        newId: () => 'unused',
      };
    };
    await saveBulkAssign(shared, {
      id: 'op-shared',
      tenantId: TENANT,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'running',
    });
    await fetch(`${sim.url}/_simulator/counters/reset`, { method: 'POST' });

    const passes = await Promise.all([
      resumeOperations(instance('instance-a'), [TENANT]),
      resumeOperations(instance('instance-b'), [TENANT]),
    ]);

    expect(passes.map((pass) => pass.finished.length).sort()).toEqual([0, 1]);
    expect(passes.map((pass) => pass.busy).sort()).toEqual([0, 1]);
    expect(passes.flatMap((pass) => pass.finished).map((op) => op.state)).toEqual(['succeeded']);
    const counters = (await (await fetch(`${sim.url}/_simulator/counters`)).json()) as {
      requests: { byRoute: Record<string, number> };
    };
    expect(counters.requests.byRoute['POST /users/{id}/assignLicense']).toBe(USERS);
    expect(await shared.operationItems.countByState('op-shared')).toMatchObject({ done: USERS });
  }, 120_000);
});
