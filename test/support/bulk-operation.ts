import type { OperationItemStore } from '../../src/app/ports/operation-item-store.ts';
import type { OperationStore } from '../../src/app/ports/operation-store.ts';
import { usersOf } from '../../src/domain/operations/new-operation.ts';
import type { OperationItem } from '../../src/domain/operations/operation.ts';

const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };

/**
 * Saves an operation assigning `skuId` to each of `userIds`, approved by Megan for Alex, as a
 * process leaves it: items first, then the operation `approved` (the approval was saved) or
 * `running` (it died once the run had started). For runs of thousands of users in tests and
 * benchmarks, until bulk requests can be made in chat.
 */
export async function saveBulkAssign(
  stores: { operations: OperationStore; operationItems: OperationItemStore },
  options: {
    id: string;
    tenantId: string;
    userIds: readonly string[];
    skuId: string;
    state: 'approved' | 'running';
  },
): Promise<OperationItem[]> {
  const items: OperationItem[] = options.userIds.map((userId, index) => ({
    itemId: userId,
    userId,
    userPrincipalName: `user${index}@contoso.onmicrosoft.com`,
    displayName: `User ${index}`,
    body: { addLicenses: [{ skuId: options.skuId, disabledPlans: [] }], removeLicenses: [] },
    state: 'planned',
  }));
  const at = new Date(Date.now() - 60_000).toISOString();
  await stores.operationItems.createAll(options.tenantId, options.id, items);
  await stores.operations.create({
    id: options.id,
    tenantId: options.tenantId,
    kind: 'assign',
    state: options.state,
    requester: ALEX,
    summary: `Assign a license to ${items.length} users`,
    ...usersOf(items),
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    decidedBy: MEGAN,
    decidedAt: at,
    ...(options.state === 'running' ? { startedAt: at } : {}),
    events: [],
  });
  return items;
}
