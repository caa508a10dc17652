import { nameSkusInText } from '../../domain/catalogue/name-skus-in-text.ts';
import { LicensingError, type LicensingFailure } from '../../domain/errors.ts';
import { historyEventsForItem } from '../../domain/history/history-event.ts';
import { changeTookEffect } from '../../domain/operations/change-took-effect.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { OperationItem } from '../../domain/operations/operation.ts';
import type { ItemOutcome, StoredOperationItem } from '../ports/operation-item-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { RunProgress } from './run-progress.ts';
import type { RequestDependencies } from './request-deps.ts';

const unexpected: LicensingFailure = {
  code: 'UNKNOWN',
  message: 'Microsoft 365 gave an unexpected answer. Try again later; if it persists, tell IT.',
  retryable: true,
};

function failureOf(error: unknown): LicensingFailure {
  return error instanceof LicensingError ? error.failure : unexpected;
}

/** What sending an item did; the usage location may be set even when the license then fails. */
type SendResult =
  { ok: true } | { ok: false; failure: LicensingFailure; usageLocationSet: boolean };

/** Sends one item: usage location first when the user has none, then `assignLicense`. */
async function sendItem(deps: RequestDependencies, item: OperationItem): Promise<SendResult> {
  let usageLocationSet = false;
  try {
    if (item.setUsageLocation) {
      await deps.licenses.setUsageLocation(item.userId, item.setUsageLocation);
      usageLocationSet = true;
    }
    await deps.licenses.assignUserLicenses(item.userId, item.body);
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: failureOf(error), usageLocationSet };
  }
}

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
  item: OperationItem,
  sentEtag: string,
  outcome: ItemOutcome,
  extra: { graphRequestId?: string; usageLocationSet?: boolean },
): Promise<OperationItem> {
  const { graphRequestId, usageLocationSet } = extra;
  try {
    await deps.operationItems.move(operation.id, item.itemId, sentEtag, outcome);
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) {
      throw error;
    }
    const settledElsewhere = await deps.operationItems.get(operation.id, item.itemId);
    return settledElsewhere ? withStoredState(item, settledElsewhere.value) : item;
  }
  const settled = withStoredState(item, outcome);
  await deps.history.append(
    historyEventsForItem(operation, settled, deps.clock.now(), graphRequestId, usageLocationSet),
  );
  return settled;
}

/** Sends an item already marked sent and records what Graph answered. */
async function sendAndRecord(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  sentEtag: string,
): Promise<OperationItem> {
  const result = await sendItem(deps, item);
  if (result.ok) {
    return recordItem(deps, operation, item, sentEtag, { state: 'done' }, {});
  }
  return recordItemFailure(deps, operation, item, sentEtag, result);
}

/** Records what Graph refused, in the admin's words (and the usage location if it was set). */
export async function recordItemFailure(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  sentEtag: string,
  refused: { failure: LicensingFailure; usageLocationSet: boolean; skus?: SkuNamer },
): Promise<OperationItem> {
  const failure = await inAdminWords(deps, refused.failure, refused.skus);
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

/**
 * Settles an item a dead runner left `sent`: nobody knows whether Graph got the call, so the
 * user's licenses are read. If the change is there it is done; if not it is sent again, which is
 * safe (the same `assignLicense` twice ends in the same licenses, and uses no second seat). The
 * item stays `sent` meanwhile (no `sent → sent` move): the write that settles it is guarded by the
 * ETag read here, so of two runners settling it at once only one records.
 */
async function settleSent(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  sentEtag: string,
): Promise<OperationItem> {
  const user = await deps.directory.findUser(item.userId);
  if (user !== null && changeTookEffect(item, user)) {
    deps.logger.info(
      { operationId: operation.id, itemId: item.itemId },
      'item left sent had taken effect: done',
    );
    return recordItem(deps, operation, item, sentEtag, { state: 'done' }, {});
  }
  deps.logger.info(
    { operationId: operation.id, itemId: item.itemId },
    'item left sent had not taken effect: sending it again',
  );
  const result = await sendItem(deps, item);
  if (result.ok) {
    return recordItem(deps, operation, item, sentEtag, { state: 'done' }, {});
  }
  // Another runner may have made the change between the read and the re-send (then a remove or
  // transfer is refused: the SKU is gone already): read again before calling it a failure.
  const after = await deps.directory.findUser(item.userId);
  if (after !== null && changeTookEffect(item, after)) {
    deps.logger.info(
      { operationId: operation.id, itemId: item.itemId, refusal: result.failure.code },
      'item sent again was refused but had taken effect meanwhile: done',
    );
    return recordItem(deps, operation, item, sentEtag, { state: 'done' }, {});
  }
  // Whether this or the dead runner set the usage location, the user now has it or not.
  const usageLocationSet =
    item.setUsageLocation !== undefined &&
    (after ?? user)?.usageLocation?.toUpperCase() === item.setUsageLocation.toUpperCase();
  return recordItemFailure(deps, operation, item, sentEtag, { ...result, usageLocationSet });
}

/**
 * Carries out one user's item exactly once, from wherever the store says it is: `planned` is
 * marked sent under its ETag before Graph is called (a second runner loses the race and leaves
 * it alone), `sent` is settled by reading, a settled one only gets its history written again
 * (deterministic ids: a no-op unless a runner died before writing it).
 */
export async function carryOut(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  progress: RunProgress,
): Promise<OperationItem> {
  let stored = await deps.operationItems.get(operation.id, item.itemId);
  if (stored === null) {
    // The process died between saving the operation and its items: they are written now.
    await deps.operationItems.createAll(operation.tenantId, operation.id, [item]);
    progress.added();
    stored = await deps.operationItems.get(operation.id, item.itemId);
  }
  if (stored === null) {
    return item;
  }
  const from = stored.value.state;
  const settled = await carryOutStored(deps, operation, item, stored);
  progress.moved(from, settled.state);
  return settled;
}

/** `carryOut` for an item found in the store. */
async function carryOutStored(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  stored: Versioned<StoredOperationItem>,
): Promise<OperationItem> {
  switch (stored.value.state) {
    case 'planned': {
      let sent: Versioned<StoredOperationItem>;
      try {
        sent = await deps.operationItems.move(operation.id, item.itemId, stored.etag, {
          state: 'sent',
        });
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) {
          return item;
        }
        throw error;
      }
      return sendAndRecord(deps, operation, item, sent.etag);
    }
    case 'sent':
      return settleSent(deps, operation, item, stored.etag);
    default: {
      const settled = withStoredState(item, stored.value);
      await deps.history.append(historyEventsForItem(operation, settled, deps.clock.now()));
      return settled;
    }
  }
}

/** Graph's answers name SKUs by id only: put the product names in before an admin reads it. */
async function inAdminWords(
  deps: RequestDependencies,
  failure: LicensingFailure,
  skus: SkuNamer = () => deps.directory.listSkus(),
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
