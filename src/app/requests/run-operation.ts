import { nameSkusInText } from '../../domain/catalogue/name-skus-in-text.ts';
import { LicensingError, type LicensingFailure } from '../../domain/errors.ts';
import { historyEventsForItem } from '../../domain/history/history-event.ts';
import type { OperationItem } from '../../domain/operations/operation.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from './request-deps.ts';

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

/**
 * Runs one user's item exactly once: it is marked sent under its ETag before Graph is called, so
 * a second runner loses the race and leaves it alone; the result is recorded, then the history.
 */
async function runItem(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
): Promise<OperationItem> {
  const stored = await deps.operationItems.get(operation.id, item.itemId);
  if (!stored || stored.value.state !== 'planned') {
    return stored ? { ...item, ...stored.value } : item;
  }
  let sent: Versioned<unknown>;
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
  const result = await sendItem(deps, item);
  const failure = result.ok ? undefined : await inAdminWords(deps, result.failure);
  const outcome = failure
    ? { state: 'failed' as const, failure, note: failure.message }
    : { state: 'done' as const };
  await deps.operationItems.move(operation.id, item.itemId, sent.etag, outcome);
  const settled: OperationItem = { ...item, ...outcome };
  await deps.history.append(
    historyEventsForItem(
      operation,
      settled,
      deps.clock.now(),
      result.ok ? undefined : result.failure.requestId,
    ),
  );
  return settled;
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

/**
 * Runs an approved operation: `approved → running` is one conditional write, so of two callers
 * only one runs it; then each user's item, then `running → succeeded | partiallyFailed |
 * failed`. Returns the finished operation, or undefined when another caller runs it.
 */
export async function runOperation(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<StoredOperation | undefined> {
  const current = await deps.operations.get(tenantId, operationId);
  if (!current) {
    return undefined;
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
  let running: Versioned<StoredOperation>;
  try {
    running = await deps.operations.transition(tenantId, operationId, current.etag, started.value);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return undefined;
    }
    throw error;
  }
  await deps.notifier.changed(running.value, current.value.state);
  const items: OperationItem[] = [];
  for (const item of running.value.items) {
    items.push(item.state === 'planned' ? await runItem(deps, running.value, item) : item);
  }
  // The checkpoint may have moved the ETag meanwhile: finish from a fresh read.
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
