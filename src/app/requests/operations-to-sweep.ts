import type { OperationState } from '../../domain/operations/operation.ts';
import type { OperationStore, StoredOperation } from '../ports/operation-store.ts';

const PAGE_SIZE = 100;

/** What a periodic sweep (expiry, resume) works through. */
export interface SweepFor {
  /** The tenants this deployment serves: each is one partition, read on its own. */
  tenantIds: readonly string[];
  state: OperationState;
  /** Only those whose `expiresAt` is at or before this moment. */
  expiredBy?: Date;
}

/**
 * Every operation a sweep must look at, read page by page to the end, tenant by tenant, before
 * any of them is moved: a sweep that moved operations out of the state while paging would
 * shift the pages under its own feet.
 */
export async function operationsToSweep(
  operations: OperationStore,
  sweep: SweepFor,
): Promise<StoredOperation[]> {
  const found: StoredOperation[] = [];
  for (const tenantId of sweep.tenantIds) {
    let continuationToken: string | undefined;
    do {
      const page = await operations.listForSweep(
        {
          tenantId,
          state: sweep.state,
          ...(sweep.expiredBy !== undefined && { expiredBy: sweep.expiredBy }),
        },
        { pageSize: PAGE_SIZE, ...(continuationToken !== undefined && { continuationToken }) },
      );
      found.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken !== undefined);
  }
  return found;
}
