import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import { expect } from 'vitest';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { defaultApprovalPolicy } from '../../../src/domain/policy/approval-policy.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  systemClock,
  type GraphLicenseWriterOptions,
} from '../../../src/graph/index.ts';
import type { RunningSimulator } from '../../../src/simulator/index.ts';
import {
  MemoryApprovalChannelStore,
  MemoryHistoryLog,
  MemoryLeaseStore,
  MemoryOperationItemStore,
  MemoryOperationStore,
  MemoryPriceStore,
  MemoryTemplateStore,
} from '../../../src/store/index.ts';
import { recordingLogger, type RecordingLogger } from '../../support/recording-logger.ts';

/** The demo tenant every run test uses, and the SKU their bulk operations assign. */
export const TENANT = '00000000-0000-0000-0000-0000000000001';
export const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

/**
 * `count` users of the simulated tenant who can take Power BI Pro (a usage location, not holding
 * it), with enough seats bought for all of them.
 */
export function licensableUsers(sim: RunningSimulator, count: number): string[] {
  const tenant = sim.tenant();
  const ids = tenant
    .users()
    .filter((user) => user.usageLocation !== null)
    .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO))
    .slice(0, count)
    .map((user) => user.id);
  expect(ids).toHaveLength(count);
  const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
  expect(tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + count + 10).ok).toBe(true);
  return ids;
}

/** The stores instances of one test share: operations, their items, history and leases. */
export function sharedStores() {
  return {
    operations: new MemoryOperationStore(),
    operationItems: new MemoryOperationItemStore(),
    history: new MemoryHistoryLog(),
    leases: new MemoryLeaseStore(),
  };
}

/**
 * One License Desk instance's run dependencies over the simulator (real Graph client, batch
 * writer with `writer` options) and `stores`; a silent notifier unless given.
 */
export function runDependencies(
  sim: RunningSimulator,
  stores: ReturnType<typeof sharedStores>,
  options: {
    instanceId?: string;
    writer?: GraphLicenseWriterOptions;
    notifier?: RequestDependencies['notifier'];
  } = {},
): RequestDependencies & { logger: RecordingLogger } {
  const client = createGraphClient({
    graphBaseUrl: sim.graphBaseUrl,
    credential: { kind: 'staticToken', token: 'license-desk-tests' },
  });
  return {
    ...stores,
    directory: sameForEveryTenant(new GraphDirectory(client, { objectIds: 'testTool' })),
    licenses: sameForEveryTenant(new GraphLicenseWriter(client, options.writer ?? {})),
    templates: new MemoryTemplateStore(),
    approvalChannels: new MemoryApprovalChannelStore(),
    prices: new MemoryPriceStore(),
    policy: defaultApprovalPolicy,
    notifier: options.notifier ?? { changed: () => Promise.resolve() },
    instanceId: options.instanceId ?? 'instance-a',
    clock: systemClock,
    logger: recordingLogger(),
    newId: () => 'unused',
  };
}
