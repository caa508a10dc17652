import type { ItemCounts, ItemState, OperationState } from '../../domain/operations/operation.ts';
import { sameTenantId } from '../../domain/object-ids.ts';
import type { OperationItemStore, StoredOperationItem } from '../ports/operation-item-store.ts';
import type { OperationStore, StoredOperation } from '../ports/operation-store.ts';
import type { Page } from '../ports/paging.ts';

/** Which of a tenant's operations to list: one state's, one requester's, both, or all. */
export interface OperationListQuery {
  state?: OperationState;
  requesterId?: string;
}

/** An operation with its items counted now, by state. */
export interface OperationWithCounts {
  operation: StoredOperation;
  counts: ItemCounts;
}

/** Reading operations and their per-user items, for the REST API (the chat reads its cards). */
export interface OperationReadUseCases {
  /** The operation of the tenant, its items counted; undefined when the tenant has no such one. */
  get(tenantId: string, operationId: string): Promise<OperationWithCounts | undefined>;
  /**
   * A page of the tenant's operations, newest first: in one state (of one requester, when
   * given), all of one requester's, or every one.
   */
  list(
    tenantId: string,
    query: OperationListQuery,
    page: { pageSize: number; continuationToken?: string },
  ): Promise<Page<StoredOperation>>;
  /** A page of an operation's items in one state; undefined when the tenant has no such one. */
  items(
    tenantId: string,
    operationId: string,
    state: ItemState,
    page: { pageSize: number; continuationToken?: string },
  ): Promise<Page<StoredOperationItem> | undefined>;
}

/** The operation reads over the stores, wired once by the composition root. */
export function operationReadUseCases(deps: {
  operations: Pick<OperationStore, 'get' | 'listByState' | 'listByRequester' | 'listByTenant'>;
  operationItems: Pick<OperationItemStore, 'listByState' | 'countByState'>;
}): OperationReadUseCases {
  const find = async (tenantId: string, operationId: string) => {
    const found = await deps.operations.get(tenantId, operationId);
    // Items are partitioned by operation: the tenant is checked on the operation, then on each item.
    return found && sameTenantId(found.value.tenantId, tenantId) ? found.value : undefined;
  };
  return {
    get: async (tenantId, operationId) => {
      const operation = await find(tenantId, operationId);
      return operation === undefined
        ? undefined
        : {
            operation,
            counts: await deps.operationItems.countByState(operation.tenantId, operationId),
          };
    },
    list: async (tenantId, query, page) => {
      if (query.state === undefined) {
        return query.requesterId === undefined
          ? deps.operations.listByTenant(tenantId, page)
          : deps.operations.listByRequester(tenantId, query.requesterId, page);
      }
      const listed = await deps.operations.listByState(tenantId, query.state, page);
      return query.requesterId === undefined
        ? listed
        : {
            ...listed,
            items: listed.items.filter(
              (operation) => operation.requester.userId === query.requesterId,
            ),
          };
    },
    items: async (tenantId, operationId, state, page) => {
      const operation = await find(tenantId, operationId);
      if (operation === undefined) {
        return undefined;
      }
      const listed = await deps.operationItems.listByState(
        operation.tenantId,
        operationId,
        state,
        page,
      );
      return {
        items: listed.items.map((entry) => entry.value),
        ...(listed.continuationToken ? { continuationToken: listed.continuationToken } : {}),
      };
    },
  };
}
