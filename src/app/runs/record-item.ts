import { nameSkusInText } from '../../domain/catalogue/name-skus-in-text.ts';
import type { LicensingFailure } from '../../domain/errors.ts';
import { historyEventsForItem } from '../../domain/history/history-event.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { OperationItem } from '../../domain/operations/operation.ts';
import type { ItemOutcome, StoredOperationItem } from '../ports/operation-item-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError } from '../ports/stores.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/** The operation's copy of an item with the stored item's state, note and failure. */
export function withStoredState(item: OperationItem, stored: ItemOutcome): OperationItem {
  const { note: _note, failure: _failure, ...rest } = item;
  return {
    ...rest,
    state: stored.state,
    ...(stored.note !== undefined && { note: stored.note }),
    ...(stored.failure !== undefined && { failure: stored.failure }),
  };
}

/** The tenant's SKUs, for naming them in Graph's failures (read once per run by the caller). */
export type SkuNamer = () => Promise<Sku[]>;

/**
 * Records a sent item's outcome under the ETag read when it was marked (or found) sent, then its
 * history. Losing the ETag race means another runner settled it: its record stands.
 */
export async function recordItem(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: StoredOperationItem,
  sentEtag: string,
  outcome: ItemOutcome,
  extra: { graphRequestId?: string; usageLocationSet?: boolean },
): Promise<OperationItem> {
  const { graphRequestId, usageLocationSet } = extra;
  try {
    // The item as stored under `sentEtag` is the one in hand (sent): one write, no read.
    const held = { ...item, state: 'sent' as const };
    await deps.operationItems.move(
      operation.tenantId,
      operation.id,
      item.itemId,
      sentEtag,
      outcome,
      held,
    );
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) {
      throw error;
    }
    const settledElsewhere = await deps.operationItems.get(
      operation.tenantId,
      operation.id,
      item.itemId,
    );
    return settledElsewhere ? withStoredState(item, settledElsewhere.value) : item;
  }
  const settled = withStoredState(item, outcome);
  await deps.history.append(
    historyEventsForItem(operation, settled, deps.clock.now(), graphRequestId, usageLocationSet),
  );
  return settled;
}

/** One item Graph took, to record with others of its `$batch`. */
export interface DoneItem {
  item: StoredOperationItem;
  sentEtag: string;
  graphRequestId?: string;
  usageLocationSet: boolean;
}

/**
 * Records items Graph took, together: their moves to done in one store write (a Cosmos batch),
 * then their history in one append. An item another runner settled meanwhile keeps that record
 * (and gets no second history line).
 */
export async function recordDone(
  deps: RequestDependencies,
  operation: StoredOperation,
  done: readonly DoneItem[],
  /** Told of the items as they stand once moved, before their history is written. */
  onSettled: (items: readonly OperationItem[]) => void,
): Promise<void> {
  const moved = await deps.operationItems.moveHeld(
    operation.tenantId,
    operation.id,
    done.map(({ item, sentEtag }) => ({
      held: { ...item, state: 'sent' as const },
      etag: sentEtag,
      outcome: { state: 'done' as const },
    })),
  );
  const at = deps.clock.now();
  const settled = await Promise.all(
    moved.map(async (result, index) => {
      const { item } = done[index]!;
      if (result !== 'conflict') {
        return { item: withStoredState(item, { state: 'done' }), recorded: true };
      }
      const elsewhere = await deps.operationItems.get(
        operation.tenantId,
        operation.id,
        item.itemId,
      );
      return { item: elsewhere ? withStoredState(item, elsewhere.value) : item, recorded: false };
    }),
  );
  // The moves count as progress even if the history write below is refused (the run is then
  // resumed, and a resumed run writes its history again).
  onSettled(settled.map(({ item }) => item));
  await deps.history.append(
    settled.flatMap(({ item, recorded }, index) => {
      const { graphRequestId, usageLocationSet } = done[index]!;
      return recorded
        ? historyEventsForItem(operation, item, at, graphRequestId, usageLocationSet)
        : [];
    }),
  );
}

/** Records what Graph refused, in the admin's words (and the usage location if it was set). */
export async function recordItemFailure(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: StoredOperationItem,
  sentEtag: string,
  refused: { failure: LicensingFailure; usageLocationSet: boolean; skus?: SkuNamer },
): Promise<OperationItem> {
  const failure = await inAdminWords(deps, operation.tenantId, refused.failure, refused.skus);
  return recordItem(
    deps,
    operation,
    item,
    sentEtag,
    { state: 'failed', failure, note: failure.message },
    {
      ...(refused.failure.requestId === undefined
        ? {}
        : { graphRequestId: refused.failure.requestId }),
      usageLocationSet: refused.usageLocationSet,
    },
  );
}

/** Graph's answers name SKUs by id only: put the product names in before an admin reads it. */
async function inAdminWords(
  deps: RequestDependencies,
  tenantId: string,
  failure: LicensingFailure,
  skus: SkuNamer = () => deps.directory.forTenant(tenantId).listSkus(),
): Promise<LicensingFailure> {
  try {
    return {
      ...failure,
      message: nameSkusInText(failure.message, await skus()),
    };
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not read the SKUs to name them in a failure');
    return failure;
  }
}
