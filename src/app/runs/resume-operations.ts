import type { OperationItemStore } from '../ports/operation-item-store.ts';
import type { OperationCheckpoint, StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { runOperation } from './run-operation.ts';
import { giveUpRun, MAX_FAILED_ATTEMPTS, timeToGiveUp } from './give-up-run.ts';
import { operationsToSweep } from '../requests/operations-to-sweep.ts';

/** What one resume pass did: runs finished, runs another instance holds, runs that broke off. */
export interface ResumePass {
  finished: StoredOperation[];
  busy: number;
  failed: number;
}

export interface ResumeOptions {
  /**
   * An operation approved less than this long ago is left to the process that approved it (it
   * starts the run right after answering the click, and redraws the clicked card when it ends);
   * only one that has waited longer was left behind by a process that died. Default 60 s.
   */
  approvedGraceMs?: number;
}

const DEFAULT_APPROVED_GRACE_MS = 60_000;

/**
 * Counts a run that broke off on the operation's checkpoint, so the count survives restarts and
 * is shared by every instance: a run that got an item further starts it again (what broke it
 * off was passing, e.g. a store throttled for a moment), one that did not counts on from the
 * first of its kind. The checkpoint as it stands after counting.
 */
async function countFailedAttempt(
  deps: RequestDependencies,
  operation: StoredOperation,
  progressed: boolean,
): Promise<OperationCheckpoint | undefined> {
  const current = await deps.operations.get(operation.tenantId, operation.id);
  const checkpoint = current?.value.checkpoint;
  if (progressed && checkpoint?.failedAttempts === undefined) {
    return checkpoint;
  }
  const now = deps.clock.now().toISOString();
  const {
    failedAttempts: _attempts,
    failingSince: _since,
    ...kept
  } = checkpoint ?? {
    // No run got far enough to count its items: the first checkpoint of a later run will.
    counts: { planned: 0, sent: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 },
  };
  const counted: OperationCheckpoint = {
    ...kept,
    ...(!progressed && {
      failedAttempts: (checkpoint?.failedAttempts ?? 0) + 1,
      failingSince: checkpoint?.failingSince ?? now,
    }),
    at: now,
  };
  await deps.operations.saveCheckpoint(operation.tenantId, operation.id, counted);
  return counted;
}

/** The item store, telling `onMove` of each item the run gets further (moved or written). */
function noticingProgress(items: OperationItemStore, onMove: () => void): OperationItemStore {
  return {
    createAll: async (...args) => {
      const written = await items.createAll(...args);
      onMove();
      return written;
    },
    get: (...args) => items.get(...args),
    move: async (...args) => {
      const moved = await items.move(...args);
      onMove();
      return moved;
    },
    moveHeld: async (...args) => {
      const moved = await items.moveHeld(...args);
      onMove();
      return moved;
    },
    listByState: (...args) => items.listByState(...args),
    countByState: (...args) => items.countByState(...args),
  };
}

/** Runs one operation left behind; gives it up once it has broken off too often for too long. */
async function resumeOne(
  deps: RequestDependencies,
  operation: StoredOperation,
): Promise<StoredOperation | undefined> {
  if (timeToGiveUp(operation.checkpoint, deps.clock.now())) {
    const attempts = operation.checkpoint?.failedAttempts ?? MAX_FAILED_ATTEMPTS;
    return giveUpRun(deps, operation.tenantId, operation.id, attempts);
  }
  // Progress is noticed where the store takes it: a run may break off on the very write
  // (history, checkpoint) that follows an item's move.
  let progressed = false;
  const watched: RequestDependencies = {
    ...deps,
    operationItems: noticingProgress(deps.operationItems, () => {
      progressed = true;
    }),
  };
  try {
    return await runOperation(watched, operation.tenantId, operation.id);
  } catch (error) {
    const counted = await countFailedAttempt(deps, operation, progressed).catch(
      (countError: unknown) => {
        deps.logger.warn({ err: countError, operationId: operation.id }, 'could not count a try');
        return operation.checkpoint;
      },
    );
    const givingUp = timeToGiveUp(counted, deps.clock.now());
    deps.logger.error(
      {
        err: error,
        operationId: operation.id,
        tenantId: operation.tenantId,
        attempt: counted?.failedAttempts ?? 0,
        progressed,
      },
      givingUp
        ? 'could not resume a run: giving up'
        : 'could not resume a run: trying again next time',
    );
    if (givingUp) {
      const attempts = counted?.failedAttempts ?? MAX_FAILED_ATTEMPTS;
      return giveUpRun(deps, operation.tenantId, operation.id, attempts);
    }
    throw error;
  }
}

/**
 * Picks up the runs a dead or stopped process left behind, in the tenants this deployment serves:
 * operations still `approved` (it died before the run started) and `running` ones whose lease is
 * free or expired. Each is run under its own lease (`runOperation`): items still planned run as
 * usual, items found sent are settled by reading the user's licenses, then the operation
 * finishes and the notifier tells everyone. A run whose lease is held (by another instance, or by
 * a run in progress in this very process) is left alone, so any number of instances may resume at
 * once. One that keeps breaking off without getting further is given up after
 * `MAX_FAILED_ATTEMPTS` such runs over at least `GIVE_UP_AFTER_MS` (its items left are failed,
 * everyone told). When the process stops (`deps.runs.signal`) the pass ends early.
 */
export async function resumeOperations(
  deps: RequestDependencies,
  tenantIds: readonly string[],
  options: ResumeOptions = {},
): Promise<ResumePass> {
  const graceMs = options.approvedGraceMs ?? DEFAULT_APPROVED_GRACE_MS;
  const now = deps.clock.now().getTime();
  const approved = (
    await operationsToSweep(deps.operations, { tenantIds, state: 'approved' })
  ).filter(
    (operation) =>
      Date.parse(operation.updatedAt) + graceMs <= now &&
      // Approved for a later time: its schedule starts it then (nothing was left behind).
      (operation.startAt === undefined || Date.parse(operation.startAt) <= now),
  );
  const running = await operationsToSweep(deps.operations, { tenantIds, state: 'running' });
  const left = [...running, ...approved];
  const pass: ResumePass = { finished: [], busy: 0, failed: 0 };
  for (const operation of left) {
    if (deps.runs?.signal.aborted) {
      break;
    }
    try {
      const finished = await resumeOne(deps, operation);
      if (finished === undefined) {
        pass.busy += 1;
      } else {
        pass.finished.push(finished);
      }
    } catch {
      // Logged with its attempt number by resumeOne.
      pass.failed += 1;
    }
  }
  if (left.length > 0) {
    deps.logger.info(
      { found: left.length, finished: pass.finished.length, busy: pass.busy, failed: pass.failed },
      'resumed runs left unfinished',
    );
  }
  return pass;
}
