import { nameSkusInText } from '../../domain/catalogue/name-skus-in-text.ts';
import { LicensingError, type LicensingFailure } from '../../domain/errors.ts';
import { historyEventsForItem } from '../../domain/history/history-event.ts';
import { changeTookEffect } from '../../domain/operations/change-took-effect.ts';
import type { OperationItem } from '../../domain/operations/operation.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { ItemOutcome, StoredOperationItem } from '../ports/operation-item-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import { HeldLease } from './held-lease.ts';
import { RunProgress } from './run-progress.ts';
import type { RequestDependencies } from './request-deps.ts';

/** How long a runner's claim on an operation lasts unless renewed (it renews well before). */
export const OPERATION_LEASE_MS = 60_000;

/** The lease a runner holds on an operation while it runs it. */
export const operationLeaseName = (operationId: string): string => `operation:${operationId}`;

const unexpected: LicensingFailure = {
  code: 'UNKNOWN',
  message: 'Microsoft 365 gave an unexpected answer. Try again later; if it persists, tell IT.',
  retryable: true,
};

function failureOf(error: unknown): LicensingFailure {
  return error instanceof LicensingError ? error.failure : unexpected;
}

/** Sends one item: usage location first when the user has none, then `assignLicense`. */
async function sendItem(
  deps: RequestDependencies,
  item: OperationItem,
): Promise<{ ok: true } | { ok: false; failure: LicensingFailure }> {
  try {
    if (item.setUsageLocation) {
      await deps.licenses.setUsageLocation(item.userId, item.setUsageLocation);
    }
    await deps.licenses.assignUserLicenses(item.userId, item.body);
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
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

/**
 * Records a sent item's outcome under the ETag read when it was marked (or found) sent, then its
 * history. Losing the ETag race means another runner settled it: its record stands.
 */
async function record(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  sentEtag: string,
  outcome: ItemOutcome,
  graphRequestId?: string,
): Promise<OperationItem> {
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
    historyEventsForItem(operation, settled, deps.clock.now(), graphRequestId),
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
    return record(deps, operation, item, sentEtag, { state: 'done' });
  }
  return recordFailure(deps, operation, item, sentEtag, result.failure);
}

/** Records what Graph refused, in the admin's words. */
async function recordFailure(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  sentEtag: string,
  refusal: LicensingFailure,
): Promise<OperationItem> {
  const failure = await inAdminWords(deps, refusal);
  return record(
    deps,
    operation,
    item,
    sentEtag,
    { state: 'failed', failure, note: failure.message },
    refusal.requestId,
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
    return record(deps, operation, item, sentEtag, { state: 'done' });
  }
  deps.logger.info(
    { operationId: operation.id, itemId: item.itemId },
    'item left sent had not taken effect: sending it again',
  );
  const result = await sendItem(deps, item);
  if (result.ok) {
    return record(deps, operation, item, sentEtag, { state: 'done' });
  }
  // Another runner may have made the change between the read and the re-send (then a remove or
  // transfer is refused: the SKU is gone already): read again before calling it a failure.
  const after = await deps.directory.findUser(item.userId);
  if (after !== null && changeTookEffect(item, after)) {
    deps.logger.info(
      { operationId: operation.id, itemId: item.itemId, refusal: result.failure.code },
      'item sent again was refused but had taken effect meanwhile: done',
    );
    return record(deps, operation, item, sentEtag, { state: 'done' });
  }
  return recordFailure(deps, operation, item, sentEtag, result.failure);
}

/**
 * Carries out one user's item exactly once, from wherever the store says it is: `planned` is
 * marked sent under its ETag before Graph is called (a second runner loses the race and leaves
 * it alone), `sent` is settled by reading, a settled one only gets its history written again
 * (deterministic ids: a no-op unless a runner died before writing it).
 */
async function carryOut(
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
): Promise<LicensingFailure> {
  try {
    return {
      ...failure,
      message: nameSkusInText(failure.message, await deps.directory.listSkus()),
    };
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not read the SKUs to name them in a failure');
    return failure;
  }
}

/** Saves how far the run got; the run goes on without it (it is for progress, not for truth). */
async function saveCheckpoint(
  deps: RequestDependencies,
  operation: StoredOperation,
  progress: RunProgress,
  holder: string,
) {
  const now = deps.clock.now();
  try {
    await deps.operations.saveCheckpoint(operation.tenantId, operation.id, {
      counts: progress.checkpoint(now),
      runner: holder,
      // Kept as the resume job counted them while this run got no item further (one that breaks
      // off again counts on from there); a run that did starts the count again.
      ...(!progress.progressed &&
        operation.checkpoint?.failedAttempts !== undefined && {
          failedAttempts: operation.checkpoint.failedAttempts,
        }),
      ...(!progress.progressed &&
        operation.checkpoint?.failingSince !== undefined && {
          failingSince: operation.checkpoint.failingSince,
        }),
      at: now.toISOString(),
    });
  } catch (error) {
    deps.logger.warn({ err: error, operationId: operation.id }, 'could not save a checkpoint');
  }
}

/**
 * `approved → running` as one conditional write (of two callers only one wins), or an operation
 * already `running` whose runner died (its lease lapsed): the run to carry on with.
 */
async function startOrResume(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<StoredOperation | undefined> {
  const current = await deps.operations.get(tenantId, operationId);
  if (!current) {
    return undefined;
  }
  if (current.value.state === 'running') {
    deps.logger.info({ operationId }, 'resuming a run left unfinished');
    return current.value;
  }
  const started = transition(
    current.value,
    { type: 'start' },
    { kind: 'system' },
    deps.clock.now(),
  );
  if (!started.ok) {
    return undefined;
  }
  try {
    const running = await deps.operations.transition(
      tenantId,
      operationId,
      current.etag,
      started.value,
    );
    await deps.notifier.changed(running.value, current.value.state);
    return running.value;
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return undefined;
    }
    throw error;
  }
}

/** `running → succeeded | partiallyFailed | failed` with the items as the item store has them. */
async function finish(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
  items: OperationItem[],
): Promise<StoredOperation | undefined> {
  // The checkpoint has moved the ETag meanwhile: finish from a fresh read.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const latest = await deps.operations.get(tenantId, operationId);
    if (!latest) {
      return undefined;
    }
    const finished = transition(
      { ...latest.value, items },
      { type: 'finish' },
      { kind: 'system' },
      deps.clock.now(),
    );
    if (!finished.ok) {
      deps.logger.warn({ operationId, refusal: finished.failure.code }, 'could not finish');
      return latest.value;
    }
    try {
      const saved = await deps.operations.transition(
        tenantId,
        operationId,
        latest.etag,
        finished.value,
      );
      await deps.notifier.changed(saved.value, latest.value.state);
      return saved.value;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) {
        throw error;
      }
    }
  }
  return undefined;
}

let runsStarted = 0;

/**
 * Claims the lease `operation:<id>` for one run. The holder names this run, not only this
 * process: a second run in the same process (the resume job finding a click-run in progress) is
 * refused like any other instance's, so one live run is never joined by another.
 */
export async function claimRun(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<{ lease: HeldLease; holder: string } | undefined> {
  runsStarted += 1;
  const holder = `${deps.instanceId}:run-${runsStarted}`;
  const claim = await deps.leases.tryAcquire({
    tenantId,
    name: operationLeaseName(operationId),
    holder,
    durationMs: OPERATION_LEASE_MS,
    now: deps.clock.now(),
  });
  return claim.acquired
    ? { lease: new HeldLease(claim.lease, deps, OPERATION_LEASE_MS), holder }
    : undefined;
}

/**
 * Runs an approved operation, or carries on with one whose runner died: the run holds the lease
 * `operation:<id>` throughout (renewed on a timer, checked before each item, released at the
 * end), so of two runs only one goes on. Then each user's item, a checkpoint every few items or seconds
 * and at the end, and `running → succeeded | partiallyFailed | failed`. When the process stops
 * (`deps.runs.signal`) the run ends after its current item, leaving the operation `running` for
 * the next start. Returns the finished operation, or undefined when another run has it (or took
 * it over midway) or the process is stopping.
 */
export function runOperation(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<StoredOperation | undefined> {
  const run = runUnderLease(deps, tenantId, operationId);
  return deps.runs ? deps.runs.track(run) : run;
}

async function runUnderLease(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<StoredOperation | undefined> {
  const stopping = deps.runs?.signal;
  if (stopping?.aborted) {
    return undefined;
  }
  const claimed = await claimRun(deps, tenantId, operationId);
  if (!claimed) {
    return undefined;
  }
  const { lease, holder } = claimed;
  try {
    const running = await startOrResume(deps, tenantId, operationId);
    if (!running) {
      return undefined;
    }
    const progress = new RunProgress(
      await deps.operationItems.countByState(operationId),
      deps.clock.now(),
    );
    const items: OperationItem[] = [];
    for (const item of running.items) {
      if (item.state !== 'planned') {
        items.push(item);
        continue;
      }
      if (stopping?.aborted) {
        await saveCheckpoint(deps, running, progress, holder);
        deps.logger.info({ operationId }, 'stopping: the run is left for the next start');
        return undefined;
      }
      // Renewed on its timer (a write here only when that is overdue): not a write per user.
      if (!(await lease.held())) {
        deps.logger.info({ operationId }, 'lease taken over: the run is left to its new holder');
        return undefined;
      }
      items.push(await carryOut(deps, running, item, progress));
      if (progress.checkpointDue(deps.clock.now())) {
        await saveCheckpoint(deps, running, progress, holder);
      }
    }
    await saveCheckpoint(deps, running, progress, holder);
    return await finish(deps, tenantId, operationId, items);
  } finally {
    await lease.release();
  }
}
