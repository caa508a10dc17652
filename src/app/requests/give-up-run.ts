import { historyEventsForItem } from '../../domain/history/history-event.ts';
import { changeTookEffect } from '../../domain/operations/change-took-effect.ts';
import type { OperationItem } from '../../domain/operations/operation.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { OperationCheckpoint, StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from './request-deps.ts';
import { withStoredState } from './record-item.ts';
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
 * One item of a run given up: settled ones stay as they are, one left `sent` is done if the
 * user's licenses show the change, everything else is failed with a note. One left `sent` whose
 * user cannot be read now stays `sent` (the change may have taken effect): a later pass settles
 * it. Each step is tried on its own (the store may be what keeps
 * breaking the run), so what can be recorded is.
 */
async function settleOrFail(
  deps: RequestDependencies,
  operation: StoredOperation,
  item: OperationItem,
  note: string,
): Promise<OperationItem> {
  const now = deps.clock.now();
  const stored = await deps.operationItems
    .get(operation.id, item.itemId)
    .catch((error: unknown) => {
      // A document that keeps failing to read is what may have broken the run: failed below.
      deps.logger.warn({ err: error, itemId: item.itemId }, 'could not read an item given up');
      return null;
    });
  if (stored && !['planned', 'sent'].includes(stored.value.state)) {
    return withStoredState(item, stored.value);
  }
  let user: Awaited<ReturnType<typeof deps.directory.findUser>> = null;
  if (stored?.value.state === 'sent') {
    try {
      user = await deps.directory.findUser(item.userId);
    } catch (error) {
      deps.logger.warn(
        { err: error, itemId: item.itemId },
        'could not read the licenses of a user left sent: left for a later pass',
      );
      return withStoredState(item, stored.value);
    }
  }
  const settled: OperationItem =
    user !== null && changeTookEffect(item, user)
      ? { ...item, state: 'done' }
      : { ...item, state: 'failed', note };
  try {
    if (stored) {
      await deps.operationItems.move(operation.id, item.itemId, stored.etag, {
        state: settled.state,
        ...(settled.note !== undefined && { note: settled.note }),
      });
    }
    await deps.history.append(historyEventsForItem(operation, settled, now));
  } catch (error) {
    deps.logger.warn({ err: error, itemId: item.itemId }, 'could not record an item given up');
  }
  return settled;
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
    const items: OperationItem[] = [];
    for (const item of operation.items) {
      items.push(await settleOrFail(deps, operation, item, note));
    }
    const finished = transition(
      { ...operation, items },
      { type: 'finish' },
      { kind: 'system' },
      now,
    );
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
