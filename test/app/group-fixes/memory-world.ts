import type { Caller } from '../../../src/app/identity/caller.ts';
import type { Clock } from '../../../src/app/ports/clock.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import {
  groupFixUseCases,
  type GroupFixUseCases,
} from '../../../src/app/group-fixes/group-fix-use-cases.ts';
import { LicensingError } from '../../../src/domain/errors.ts';
import type {
  DirectoryGroup,
  DirectoryUser,
  LicenseAssignmentState,
  Sku,
} from '../../../src/domain/licensing.ts';
import { MemoryHistoryLog } from '../../../src/store/index.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { oneByOne } from '../support/one-by-one-writer.ts';

export const TENANT = 't1';
export const GROUP = 'g-contractors';

const sku = (
  skuId: string,
  skuPartNumber: string,
  plans: string[],
  enabled: number,
  used: number,
): Sku => ({
  skuId,
  skuPartNumber,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: used,
  prepaidUnits: { enabled, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: plans.map((name) => ({ servicePlanId: `p-${name}`, servicePlanName: name })),
});

/** Exchange Online (Plan 1): what Contractors assigns; every seat taken. */
export const EXO = sku(
  'sku-exo',
  'EXCHANGESTANDARD',
  ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_FOUNDATION'],
  3,
  3,
);
export const E3 = sku(
  'sku-e3',
  'SPE_E3',
  ['EXCHANGE_S_ENTERPRISE', 'TEAMS1', 'EXCHANGE_S_FOUNDATION'],
  10,
  2,
);
export const PBI = sku('sku-pbi', 'POWER_BI_PRO', ['BI_AZURE_P2', 'EXCHANGE_S_FOUNDATION'], 10, 1);

const fromGroup = (
  error: LicenseAssignmentState['error'],
  state: LicenseAssignmentState['state'] = error === 'None' ? 'Active' : 'Error',
): LicenseAssignmentState => ({
  skuId: EXO.skuId,
  disabledPlans: [],
  assignedByGroup: GROUP,
  state,
  error,
  lastUpdatedDateTime: '2026-11-01T08:00:00Z',
});
const direct = (skuId: string): LicenseAssignmentState => ({
  skuId,
  disabledPlans: [],
  assignedByGroup: null,
  state: 'Active',
  error: 'None',
  lastUpdatedDateTime: '2026-10-01T08:00:00Z',
});
const person = (
  id: string,
  displayName: string,
  states: LicenseAssignmentState[],
  usageLocation = 'US',
): DirectoryUser => ({
  id,
  displayName,
  userPrincipalName: `${id}@contoso.com`,
  usageLocation,
  accountEnabled: true,
  licenseAssignmentStates: states,
});

/** A caller of the memory tenant. */
export const caller = (role: Caller['role']): Caller => ({
  tenantId: TENANT,
  userId: role === 'approver' ? 'megan' : 'alex',
  displayName: role === 'approver' ? 'Megan Bowen' : 'Alex Wilber',
  userPrincipalName: role === 'approver' ? 'megan@contoso.com' : 'alex@contoso.com',
  role,
});

/**
 * Contractors in a memory tenant, one member per reason, and an Entra stand-in: reprocessing a
 * member re-evaluates them by the rules the test sets (`fixed`: what an admin fixed meanwhile).
 */
export function memoryWorld(
  options: { processing?: DirectoryGroup['licenseProcessingState'] } = {},
) {
  const users = [
    person('ann', 'Ann Count', [fromGroup('CountViolation')]),
    person('ben', 'Ben Clash', [
      direct(E3.skuId),
      direct(PBI.skuId),
      fromGroup('MutuallyExclusiveViolation'),
    ]),
    person('cy', 'Cy Abroad', [fromGroup('ProhibitedInUsageLocationViolation')], 'CN'),
    person('dee', 'Dee Duplicate', [fromGroup('UniquenessViolation', 'ActiveWithError')]),
    person('eve', 'Eve Unknown', [fromGroup('Others')]),
    person('fay', 'Fay Fine', [fromGroup('None')]),
  ];
  const group: DirectoryGroup = {
    id: GROUP,
    displayName: 'Contractors',
    assignedLicenses: [{ skuId: EXO.skuId, disabledPlans: [] }],
    licenseProcessingState: options.processing ?? 'ProcessingComplete',
  };
  const directory = new MemoryDirectory({
    skus: [EXO, E3, PBI],
    users,
    groups: [group],
    members: { [GROUP]: users.map((u) => u.id) },
  });
  const fixed = new Set<string>();
  const writes: string[] = [];
  const refuse = new Set<string>();
  const byId = (id: string) => users.find((u) => u.id === id)!;
  const writer = oneByOne({
    assignUserLicenses: () => Promise.reject(new Error('not used')),
    assignGroupLicenses: () => Promise.reject(new Error('not used')),
    setUsageLocation: (id, location) => {
      writes.push(`location ${id} ${location}`);
      byId(id).usageLocation = location;
      return Promise.resolve();
    },
    createDynamicGroup: () => Promise.reject(new Error('not used')),
    reprocessUser: (id) => {
      writes.push(`reprocess ${id}`);
      if (refuse.has(id)) {
        return Promise.reject(
          new LicensingError({
            code: 'USER_NOT_FOUND',
            message: 'That user no longer exists.',
            retryable: false,
          }),
        );
      }
      const user = byId(id);
      const abroad = user.usageLocation === 'CN';
      user.licenseAssignmentStates = (user.licenseAssignmentStates ?? []).map((state) =>
        state.assignedByGroup === GROUP &&
        (fixed.has(id) || (state.error === 'ProhibitedInUsageLocationViolation' && !abroad))
          ? {
              ...state,
              state: 'Active',
              error: 'None',
              lastUpdatedDateTime: '2026-12-01T09:00:05Z',
            }
          : state,
      );
      return Promise.resolve();
    },
    writeMany: () => {
      throw new Error('wrapped by oneByOne');
    },
  });
  let now = new Date('2026-12-01T09:00:00.000Z').getTime();
  const slept: number[] = [];
  const clock: Clock = {
    now: () => new Date(now),
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
  const history = new MemoryHistoryLog();
  const fixes: GroupFixUseCases = groupFixUseCases({
    directory: sameForEveryTenant(directory),
    licenses: sameForEveryTenant(writer),
    history,
    clock,
    newId: () => 'fix-1',
    settle: { timeoutMs: 10_000, intervalMs: 1_000 },
  });
  return { fixes, users, group, fixed, refuse, writes, slept, history, directory };
}
