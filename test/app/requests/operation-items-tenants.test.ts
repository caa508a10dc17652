import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/app/identity/caller.ts';
import { operationReadUseCases } from '../../../src/app/requests/operation-read-use-cases.ts';
import { operationPreviewRows } from '../../../src/app/views/operation-preview-rows.ts';
import { newOperation } from '../../../src/domain/operations/new-operation.ts';
import { MemoryOperationItemStore } from '../../../src/store/memory/memory-operation-item-store.ts';
import { MemoryOperationStore } from '../../../src/store/memory/memory-operation-store.ts';
import { manager, plannedFor } from '../../store/support/operation-fixtures.ts';

/**
 * Items are stored by operation id, not by tenant: two tenants' operations of one id share a
 * partition. The REST item pages and the chat's preview export read only the caller's tenant's
 * items of it, and an operation id of another tenant gets nothing at all.
 */

const CONTOSO = 'contoso-tenant';
const FABRIKAM = 'fabrikam-tenant';
const SHARED_ID = 'op-same-id';

const approverIn = (tenantId: string): Caller => ({
  tenantId,
  userId: 'approver-1',
  displayName: 'Approver',
  userPrincipalName: 'approver@example.com',
  role: 'approver',
});

let operations: MemoryOperationStore;
let operationItems: MemoryOperationItemStore;

/** Stores an operation of `tenantId` with users whose UPNs carry `prefix`. */
async function saveOperation(tenantId: string, id: string, prefix: string, users: number) {
  const { operation, items } = newOperation({
    id,
    tenantId,
    kind: 'assign',
    requester: manager,
    summary: `Assign E3 in ${tenantId}`,
    items: Array.from({ length: users }, (_, index) => {
      const planned = plannedFor(index);
      return {
        ...planned,
        userId: `${prefix}-${planned.userId}`,
        userPrincipalName: `${prefix}.${planned.userPrincipalName}`,
      };
    }),
    now: new Date('2026-11-20T09:00:00.000Z'),
    expiresAfterMs: 86_400_000,
  });
  await operationItems.createAll(tenantId, operation.id, items);
  await operations.create(operation);
}

beforeEach(() => {
  operations = new MemoryOperationStore();
  operationItems = new MemoryOperationItemStore();
});

describe("the REST API's item pages", () => {
  it("page only the caller's tenant's items of an operation id two tenants share", async () => {
    await saveOperation(CONTOSO, SHARED_ID, 'contoso', 3);
    await saveOperation(FABRIKAM, SHARED_ID, 'fabrikam', 2);
    const reads = operationReadUseCases({ operations, operationItems });

    const upns: string[] = [];
    let token: string | undefined;
    do {
      const page = await reads.items(FABRIKAM, SHARED_ID, 'planned', {
        pageSize: 1,
        ...(token ? { continuationToken: token } : {}),
      });
      upns.push(...page!.items.map((item) => item.userPrincipalName));
      token = page!.continuationToken;
    } while (token !== undefined);
    expect(upns.sort()).toEqual(['fabrikam.user0@contoso.com', 'fabrikam.user1@contoso.com']);
    expect((await reads.get(FABRIKAM, SHARED_ID))?.counts).toMatchObject({ planned: 2 });
    expect((await reads.get(CONTOSO, SHARED_ID))?.counts).toMatchObject({ planned: 3 });
  });

  it("give nothing for another tenant's operation id", async () => {
    await saveOperation(CONTOSO, 'op-contoso-only', 'contoso', 2);
    const reads = operationReadUseCases({ operations, operationItems });
    expect(await reads.items(FABRIKAM, 'op-contoso-only', 'planned', { pageSize: 10 })).toBe(
      undefined,
    );
    expect(await reads.get(FABRIKAM, 'op-contoso-only')).toBeUndefined();
  });
});

describe("the chat's preview export", () => {
  const preview = (caller: Caller, operationId: string) =>
    operationPreviewRows(
      { operations, operationItems, skus: () => Promise.resolve([]) },
      caller,
      operationId,
    );

  it("lists only the caller's tenant's users of an operation id two tenants share", async () => {
    await saveOperation(CONTOSO, SHARED_ID, 'contoso', 3);
    await saveOperation(FABRIKAM, SHARED_ID, 'fabrikam', 2);
    const rows = await preview(approverIn(FABRIKAM), SHARED_ID);
    expect(rows.ok && rows.rows.map((row) => row.userPrincipalName).sort()).toEqual([
      'fabrikam.user0@contoso.com',
      'fabrikam.user1@contoso.com',
    ]);
  });

  it("finds no such request for another tenant's operation id", async () => {
    await saveOperation(CONTOSO, 'op-contoso-only', 'contoso', 2);
    const rows = await preview(approverIn(FABRIKAM), 'op-contoso-only');
    expect(rows).toMatchObject({ ok: false, refusal: { code: 'NOT_FOUND' } });
  });
});
