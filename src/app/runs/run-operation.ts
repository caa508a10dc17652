import { historyEventsForItem } from '../../domain/history/history-event.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { HeldLease } from './held-lease.ts';
import { RunProgress } from './run-progress.ts';
import { itemsIn } from './item-pages.ts';
import { readOutcome } from './run-outcome.ts';
import { runItems } from './run-items.ts';
import { PlannedPages } from './planned-pages.ts';
import { endStoppedRun, StopWatch } from './stop-run.ts';
import { TaskPool } from './task-pool.ts';
import { saveMove } from '../requests/save-move.ts';
import { moveBySystem } from './system-move.ts';
import { runGroupChange } from '../group-licenses/run-group-change.ts';
import { showProgress } from './show-progress.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/** How long a runner's claim on an operation lasts unless renewed (it renews well before). */
export const OPERATION_LEASE_MS = 60_000;

/** The lease a runner holds on an operation while it runs it. */
export const operationLeaseName = (operationId: string): string => `operation:${operationId}`;

/** Saves how far the run got; the run goes on without it (it is for progress, not for truth). */
async function saveCheckpoint(
  deps: RequestDependencies,
  operation: StoredOperation,
  progress: RunProgress,
  holder: string,
) {
  const now = deps.clock.now();
  try {
    const saved = await deps.operations.saveCheckpoint(operation.tenantId, operation.id, {
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
    showProgress(deps, saved.value);
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
  return (await saveMove(deps, current, started.value))?.value;
}

/**
 * `running → succeeded | partiallyFailed | failed | cancelled` with the outcome the item store
 * gives: counts, failures grouped by reason, the first users' results.
 */
function finish(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<StoredOperation | undefined> {
  return moveBySystem(deps, tenantId, operationId, 'finish', async (latest) => ({
    type: 'finish',
    outcome: await readOutcome(deps, latest),
  }));
}

/** `running → paused`: the pilot's users are done; an approver continues or stops the rest. */
function pause(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
): Promise<StoredOperation | undefined> {
  return moveBySystem(deps, tenantId, operationId, 'pause', () => ({ type: 'pause' }));
}

/**
 * The history of every item in `states`, a page at a time (deterministic ids: what is there
 * already is a no-op). Failures are thrown at the end (the run is resumed again).
 */
async function writeHistoryOf(
  deps: RequestDependencies,
  operation: StoredOperation,
  states: readonly ('done' | 'failed' | 'skipped' | 'cancelled')[],
): Promise<void> {
  const writing = new TaskPool(16, () => {});
  const at = deps.clock.now();
  for (const state of states) {
    for await (const page of itemsIn(deps, operation.tenantId, operation.id, state)) {
      for (const { value } of page) {
        await writing.room();
        writing.run(async () => {
          await deps.history.append(historyEventsForItem(operation, value, at));
        });
      }
    }
  }
  await writing.done();
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
    durationMs: deps.runLeaseMs ?? OPERATION_LEASE_MS,
    now: deps.clock.now(),
  });
  return claim.acquired
    ? { lease: new HeldLease(claim.lease, deps, deps.runLeaseMs ?? OPERATION_LEASE_MS), holder }
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
  let planned: PlannedPages | undefined;
  try {
    const running = await startOrResume(deps, tenantId, operationId);
    if (!running) {
      return undefined;
    }
    if (running.group) {
      return await runGroupChange(deps, running, lease, holder);
    }
    // A run with users to send (no pilot waiting for an approver, not stopped) asks for its
    // first planned users and reads them from Graph while it counts its items: the first write
    // does not wait for the count (1.2 s of the 3.6 s before it at 10,000 users).
    planned =
      (running.pilot === undefined || running.pilot.continuedBy !== undefined) &&
      running.cancelRequested === undefined
        ? new PlannedPages(deps, running)
        : undefined;
    const first = planned?.after(undefined);
    // The items were written before the operation (`requestLicense`): they are all there.
    const counts = await deps.operationItems.countByState(tenantId, operationId);
    // A run checkpointed before, or with items sent or settled, is resumed: a process may have
    // died between settling an item and writing its history, so the history is written again
    // at the end. (Users skipped from the start, with nothing to do, do not make it one.)
    const resumed =
      running.checkpoint !== undefined || counts.sent + counts.done + counts.failed > 0;
    if (!resumed && counts.skipped > 0) {
      // Users already in the target state get their line now: they are never sent.
      await writeHistoryOf(deps, running, ['skipped']);
    }
    const progress = new RunProgress(counts, deps.clock.now());
    // A pilot not yet continued sends its first users, counted over every pass.
    const pilot = running.pilot;
    const pilotLeft =
      pilot !== undefined && pilot.continuedBy === undefined
        ? pilot.size - (counts.sent + counts.done + counts.failed)
        : undefined;
    // Someone may stop the run from its card: looked for as outcomes come back.
    const stop = new StopWatch(deps, running);
    const ended = stop.stopped
      ? 'stopped'
      : await runItems({
          deps,
          operation: running,
          progress,
          lease,
          signal: stopping ? AbortSignal.any([stopping, stop.signal]) : stop.signal,
          ...(pilotLeft === undefined ? {} : { pilotLeft }),
          ...(planned === undefined || first === undefined
            ? {}
            : { planned: { pages: planned, first } }),
          onRecorded: async () => {
            await stop.look();
            if (progress.checkpointDue(deps.clock.now())) {
              await saveCheckpoint(deps, running, progress, holder);
            }
          },
        });
    await saveCheckpoint(deps, running, progress, holder);
    if (ended === 'leaseLost') {
      deps.logger.info({ operationId }, 'lease taken over: the run is left to its new holder');
      return undefined;
    }
    if (ended === 'stopped' && (stopping?.aborted === true || !stop.stopped)) {
      deps.logger.info({ operationId }, 'stopping: the run is left for the next start');
      return undefined;
    }
    if (stop.stopped) {
      const stopped = (await deps.operations.get(tenantId, operationId))?.value ?? running;
      deps.logger.info({ operationId }, 'run stopped from its card: ending the users left');
      await endStoppedRun(deps, stopped, progress);
      await saveCheckpoint(deps, running, progress, holder);
    }
    if (resumed) {
      await writeHistoryOf(deps, running, ['done', 'failed', 'skipped', 'cancelled']);
    }
    if (pilotLeft !== undefined && !stop.stopped) {
      const left = await deps.operationItems.countByState(tenantId, operationId);
      if (left.planned + left.sent > 0) {
        return await pause(deps, tenantId, operationId);
      }
    }
    return await finish(deps, tenantId, operationId);
  } finally {
    // Reads of users the run did not get to are not begun.
    planned?.readWhile(() => false);
    await lease.release();
  }
}
