import type { OperationItem } from '../../domain/operations/operation.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { HeldLease } from './held-lease.ts';
import { RunProgress } from './run-progress.ts';
import { carryOut } from './carry-out-item.ts';
import { saveMove } from './save-move.ts';
import type { RequestDependencies } from './request-deps.ts';

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
  return (await saveMove(deps, current, started.value))?.value;
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
    const saved = await saveMove(deps, latest, finished.value);
    if (saved) {
      return saved.value;
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
