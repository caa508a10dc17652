import { randomUUID } from 'node:crypto';
import { newOperation } from '../../../src/domain/operations/new-operation.ts';
import type {
  OperationWithItems,
  PlannedItem,
} from '../../../src/domain/operations/new-operation.ts';
import type { Operation, Person } from '../../../src/domain/operations/operation.ts';
import type { ImpactRecord } from '../../../src/domain/planning/impact-record.ts';

export const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

export const manager: Person = { userId: 'manager-1', displayName: 'Miriam Graham' };
export const approver: Person = { userId: 'approver-1', displayName: 'Megan Bowen' };

/** A planned change for one user: E3 with Sway off. */
export const plannedFor = (index: number): PlannedItem => ({
  userId: `user-${String(index).padStart(4, '0')}`,
  userPrincipalName: `user${index}@contoso.com`,
  displayName: `User ${index}`,
  body: {
    addLicenses: [{ skuId: E3, disabledPlans: ['a23b959c-7ce8-4e57-9140-b90eb88a9e97'] }],
    removeLicenses: [],
  },
});

/** The impact of one E3 seat as planned, as saved with a request. */
export const plannedImpact: ImpactRecord = {
  seats: [
    {
      skuId: E3,
      name: 'Microsoft 365 E3',
      total: 15,
      usedBefore: 14,
      usedAfter: 15,
      availableAfter: 0,
      shortfall: 0,
    },
  ],
  moreSeats: 0,
  cost: [{ currency: 'USD', before: 504, after: 540, delta: 36 }],
  unpriced: [],
  noopCount: 0,
  blockedCount: 0,
  usageLocationsToSet: 0,
  conflictCount: 0,
  conflicts: [],
  reasons: ['Assigning licenses needs an approver.'],
};

type PendingOptions = { users?: number; requester?: Person; now?: Date };

/** A pending operation, as the app makes it before anything touches Graph. */
export function pendingOperation(tenantId: string, options: PendingOptions = {}): Operation {
  return pendingOperationWithItems(tenantId, options).operation;
}

/** A pending operation and its users' items (stored apart). */
export function pendingOperationWithItems(
  tenantId: string,
  options: PendingOptions = {},
): OperationWithItems {
  return newOperation({
    id: randomUUID(),
    tenantId,
    kind: 'assign',
    requester: options.requester ?? manager,
    summary: 'Assign Microsoft 365 E3',
    justification: 'New starters',
    items: Array.from({ length: options.users ?? 1 }, (_, index) => plannedFor(index)),
    now: options.now ?? new Date('2026-11-20T09:00:00.000Z'),
    expiresAfterMs: 7 * 86_400_000,
  });
}
