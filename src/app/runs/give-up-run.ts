import { historyEventsForItem } from '../../domain/history/history-event.ts';
import { changeTookEffect } from '../../domain/operations/change-took-effect.ts';
import type { OperationItem } from '../../domain/operations/operation.ts';
import type { OperationOutcome } from '../../domain/operations/outcome.ts';
import type { ItemCounts } from '../../domain/operations/run-progress-view.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { Directory } from '../ports/directory.ts';
import type { OperationCheckpoint, StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import type { StoredOperationItem } from '../ports/operation-item-store.ts';
import type { Versioned } from '../ports/stores.ts';
import { itemsIn } from './item-pages.ts';
import { readOutcome } from './run-outcome.ts';
import { claimRun } from './run-operation.ts';

/**
 * Runs of one operation in a row that may break off with an error, none getting an item further,
 * before the resume job gives up…
 */
export const MAX_FAILED_ATTEMPTS = 5;
/**
 * …and for at least this long since the first of them: a store or Graph outage of a few minutes
 * breaks five passes of the resume job, and must not fail users who were never sent.
 */
export const GIVE_UP_AFTER_MS = 60 * 60_000;

/** Whether a run's failed attempts so far are enough to give it up at `now`. */
export function timeToGiveUp(checkpoint: OperationCheckpoint | undefined, now: Date): boolean {
  const attempts = checkpoint?.failedAttempts ?? 0;
  const since = checkpoint?.failingSince;
  return (
    attempts >= MAX_FAILED_ATTEMPTS &&
    since !== undefined &&
    now.getTime() - Date.parse(since) >= GIVE_UP_AFTER_MS
  );
}

const givenUpNote = (attempts: number): string =>
  `License Desk stopped after ${attempts} failed attempts to carry this out. ` +
  "Check this user's licenses in the Microsoft 365 admin center before asking again.";

/**
 * One item of a run given up, not yet settled: one left `sent` is done if the user's licenses
 * show the change, everything else is failed with a note. One left `sent` whose user cannot be
 * read now stays `sent` (the change may have taken effect): a later pass settles it. A write
 * that fails is logged and leaves the item for a later pass (the store may be what keeps
 * breaking the run).
 */
async function settleOrFail(
  deps: RequestDependencies,
  operation: StoredOperation,
  stored: Versioned<StoredOperationItem>,
  note: string,
): Promise<void> {
  const item = stored.value;
  let user: Awaited<ReturnType<Directory['findUser']>> = null;
  if (item.state === 'sent') {
    try {
      user = await deps.directory.forTenant(operation.tenantId).findUser(item.userId);
    } catch (error) {
      deps.logger.warn(
        { err: error, itemId: item.itemId },
        'could not read the licenses of a user left sent: left for a later pass',
      );
      return;
    }
  }
  const settled: OperationItem =
    user !== null && changeTookEffect(item, user)
      ? { ...item, state: 'done' }
      : { ...item, state: 'failed', note };
  try {
    await deps.operationItems.move(operation.tenantId, operation.id, item.itemId, stored.etag, {
      state: settled.state,
      ...(settled.note !== undefined && { note: settled.note }),
    });
    await deps.history.append(historyEventsForItem(operation, settled, deps.clock.now()));
  } catch (error) {
    deps.logger.warn({ err: error, itemId: item.itemId }, 'could not record an item given up');
  }
}

/** The outcome of a run given up whose items cannot be read: what was not settled is failed. */
function unreadableOutcome(counts: ItemCounts, note: string): OperationOutcome {
  const left = counts.planned + counts.sent;
  return {
    counts: { ...counts, planned: 0, sent: 0, failed: counts.failed + left },
    notReached: 0,
    failures: [],
    skips: [],
    otherFailures: left,
    unreadable: note,
    firstResults: [],
  };
}

/**
 * Ends a run that kept breaking off (a poison operation): under the run's lease, the items not
 * yet settled are failed with a note saying why, the operation finishes (`failed` or
 * `partiallyFailed`) and the notifier tells the approvers and the requester, instead of the
 * resume job trying it again every few seconds forever. Undefined when another run holds it, it
 * is no longer approved or running, or a user left sent could not be read (it stays running).
 */
export async function giveUpRun(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
  attempts: number,
): Promise<StoredOperation | undefined> {
  const claimed = await claimRun(deps, tenantId, operationId);
  if (!claimed) {
    return undefined;
  }
  try {
    const current = await deps.operations.get(tenantId, operationId);
    if (!current) {
      return undefined;
    }
    const now = deps.clock.now();
    const started =
      current.value.state === 'approved'
        ? transition(current.value, { type: 'start' }, { kind: 'system' }, now)
        : { ok: true as const, value: current.value };
    if (!started.ok || started.value.state !== 'running') {
      return undefined;
    }
    const operation: StoredOperation = started.value;
    const note = givenUpNote(attempts);
    let outcome: OperationOutcome;
    try {
      for (const state of ['sent', 'planned'] as const) {
        for await (const page of itemsIn(deps, tenantId, operationId, state)) {
          for (const stored of page) {
            await settleOrFail(deps, operation, stored, note);
          }
        }
      }
      outcome = await readOutcome(deps, operation);
    } catch (error) {
      // The items themselves cannot be read (what broke every run): the users not settled are
      // counted failed on the operation, their documents left as they are for support to see.
      deps.logger.error({ err: error, operationId }, 'could not read the items of a run given up');
      outcome = unreadableOutcome(
        await deps.operationItems.countByState(tenantId, operationId),
        note,
      );
    }
    const finished = transition(operation, { type: 'finish', outcome }, { kind: 'system' }, now);
    if (!finished.ok) {
      // A user left sent could not be read: the operation stays running for the next pass.
      deps.logger.warn({ operationId, tenantId }, 'gave up a run but could not settle every item');
      return undefined;
    }
    const saved = await deps.operations.transition(
      tenantId,
      operationId,
      current.etag,
      finished.value,
    );
    deps.logger.error(
      { operationId, tenantId, attempts, state: saved.value.state },
      'gave up a run that kept failing: what was left is failed',
    );
    await deps.notifier.changed(saved.value, current.value.state);
    return saved.value;
  } finally {
    await claimed.lease.release();
  }
}
