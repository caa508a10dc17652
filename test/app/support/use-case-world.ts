import type { LicenseWriter } from '../../../src/app/ports/license-writer.ts';
import type { ApprovalDrawing } from '../../../src/app/ports/operation-notifier.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { Caller } from '../../../src/app/identity/caller.ts';
import { historyUseCases } from '../../../src/app/history/history-use-cases.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { requestUseCases } from '../../../src/app/requests/request-use-cases.ts';
import { runUseCases } from '../../../src/app/runs/run-use-cases.ts';
import type { AssignLicenseBody, DirectoryUser, Sku } from '../../../src/domain/licensing.ts';
import type { OperationState } from '../../../src/domain/operations/operation.ts';
import { defaultApprovalPolicy } from '../../../src/domain/policy/approval-policy.ts';
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
import { MemoryDirectory } from './memory-directory.ts';
import { oneByOne } from './one-by-one-writer.ts';

export const TENANT = 't1';
const NOW = new Date('2026-12-01T09:00:00.000Z');

/** A user of the memory tenant, holding nothing unless given. */
export function user(id: string, displayName: string, extra: Partial<DirectoryUser> = {}) {
  return {
    id,
    displayName,
    userPrincipalName: `${id}@contoso.com`,
    usageLocation: 'US',
    accountEnabled: true,
    licenseAssignmentStates: [],
    ...extra,
  } satisfies DirectoryUser;
}

/** The caller of a use case: an approver or a requester of the memory tenant. */
export function caller(who: DirectoryUser, role: Caller['role']): Caller {
  return {
    tenantId: TENANT,
    userId: who.id,
    displayName: who.displayName,
    userPrincipalName: who.userPrincipalName,
    role,
  };
}

/** The license writes a use case sent, each answered OK. */
function recordingWriter(sent: { userId: string; body: AssignLicenseBody }[]): LicenseWriter {
  return oneByOne({
    assignUserLicenses: (userId, body) => {
      sent.push({ userId, body });
      return Promise.resolve(user(userId, userId));
    },
    assignGroupLicenses: () => Promise.resolve(),
    setUsageLocation: () => Promise.resolve(),
    reprocessUser: () => Promise.resolve(),
    createDynamicGroup: () => Promise.reject(new Error('not used')),
    writeMany: () => {
      throw new Error('wrapped by oneByOne');
    },
  });
}

/**
 * The use cases of the requests, runs and history slices over memory stores and a memory tenant,
 * with what they sent to Graph and told the notifier, for tests that need no server.
 */
export function useCaseWorld(tenant: { skus: Sku[]; users: DirectoryUser[] }) {
  const sent: { userId: string; body: AssignLicenseBody }[] = [];
  const changed: { id: string; from: OperationState; to: OperationState }[] = [];
  const asked: { operation: StoredOperation; drawing: ApprovalDrawing }[] = [];
  let ids = 0;
  const deps: RequestDependencies = {
    directory: sameForEveryTenant(
      new MemoryDirectory({
        ...tenant,
        organization: { tenantId: TENANT, displayName: 'Contoso', countryLetterCode: 'US' },
      }),
    ),
    licenses: sameForEveryTenant(recordingWriter(sent)),
    operations: new MemoryOperationStore(),
    operationItems: new MemoryOperationItemStore(),
    history: new MemoryHistoryLog(),
    templates: new MemoryTemplateStore(),
    approvalChannels: new MemoryApprovalChannelStore(),
    prices: new MemoryPriceStore(),
    policy: defaultApprovalPolicy,
    notifier: {
      changed: (operation, from) => {
        changed.push({ id: operation.id, from, to: operation.state });
        return Promise.resolve();
      },
      asked: (operation, drawing) => {
        asked.push({ operation, drawing });
        return Promise.resolve();
      },
    },
    leases: new MemoryLeaseStore(),
    instanceId: 'instance-a',
    clock: { now: () => NOW, sleep: () => Promise.resolve() },
    logger: recordingLogger(),
    newId: () => `op-${(ids += 1)}`,
  };
  return {
    deps,
    sent,
    changed,
    asked,
    requests: requestUseCases(deps),
    runs: runUseCases(deps),
    history: historyUseCases(deps),
  };
}
