import { claimDueTime, recordRun } from '../../domain/schedules/schedule-ticks.ts';
import type { Schedule, ScheduleRun } from '../../domain/schedules/schedule.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import { afterTick, isLate } from './due-times.ts';
import { DEFAULT_CLAIM_MS, type ScheduleDependencies } from './schedule-deps.ts';
import { runDueTime, type DueTime } from './run-due-time.ts';

/** What one pass over the due schedules did. */
export interface DuePass {
  /** Due times this instance took and handled. */
  ran: ScheduleRun[];
  /** Due times another instance held (or won the claim of). */
  heldElsewhere: number;
  /** Due times that broke off (a store or Graph failure): their claim lapses, and they run later. */
  failed: number;
}

/** Stores a write of the schedule under `etag`; undefined when someone wrote it first. */
async function replaced(
  deps: ScheduleDependencies,
  schedule: Schedule,
  etag: string,
): Promise<Versioned<Schedule> | undefined> {
  try {
    return await deps.schedules.replace(schedule, etag);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Records what a due time did: from the claimed copy, or, when someone paused or edited the
 * schedule meanwhile, from a fresh read (their change stands; only the run is added).
 */
export async function saveRun(
  deps: ScheduleDependencies,
  claimed: Versioned<Schedule>,
  run: ScheduleRun,
  next: { nextDueAt?: string; runNow?: boolean },
): Promise<Schedule | undefined> {
  let current: Versioned<Schedule> | undefined = claimed;
  for (let attempt = 0; current && attempt < 3; attempt += 1) {
    const ours = current === claimed || current.value.claim?.dueAt === claimed.value.claim?.dueAt;
    const nextHere = ours ? next : { ...next, nextDueAt: current.value.nextDueAt };
    const saved = await replaced(
      deps,
      recordRun(current.value, run, nextHere, deps.clock.now()),
      current.etag,
    );
    if (saved) {
      return saved.value;
    }
    current = await deps.schedules.get(claimed.value.tenantId, claimed.value.id);
  }
  deps.logger.warn({ scheduleId: claimed.value.id }, 'could not record a schedule run');
  return undefined;
}

/** Claims, runs and records one due schedule; false when another instance has it. */
async function takeDueTime(deps: ScheduleDependencies, due: Versioned<Schedule>, pass: DuePass) {
  const now = deps.clock.now();
  const claim = claimDueTime(due.value, deps.instanceId, now, deps.claimMs ?? DEFAULT_CLAIM_MS);
  if (!claim.ok) {
    pass.heldElsewhere += claim.failure === 'HELD' ? 1 : 0;
    return;
  }
  const claimed = await replaced(deps, claim.value, due.etag);
  if (!claimed) {
    pass.heldElsewhere += 1;
    return;
  }
  const dueAt = new Date(claim.value.claim!.dueAt);
  const dueTime: DueTime = { dueAt, late: isLate(dueAt, now), runNow: false };
  const log = deps.logger.child({ scheduleId: due.value.id, dueAt: dueAt.toISOString() });
  const run = await runDueTime(deps, claimed.value, dueTime);
  const nextDue = afterTick(claimed.value.timing, dueAt, deps.clock.now());
  const saved = await saveRun(
    deps,
    claimed,
    run,
    nextDue ? { nextDueAt: nextDue.toISOString() } : {},
  );
  log.info({ result: run.result, next: saved?.nextDueAt }, 'schedule due time handled');
  pass.ran.push(run);
  // A run that started has its own card; one that started late is told too, with why.
  if (saved && (run.result !== 'started' || run.late === true)) {
    await deps.notifier.ran(saved, run);
  }
}

/**
 * One pass of the schedule job: every due schedule of each tenant is claimed (one ETag-guarded
 * write: of two instances one wins), run and recorded. A due time missed while nothing ran is
 * taken once, late, and the next is the first after now: a rule runs once for the missed period.
 * One that breaks off keeps its claim until it lapses; then an instance takes it again, and its
 * operation id (made from the due time) finds what the first one stored.
 */
export async function runDueSchedules(
  deps: ScheduleDependencies,
  tenantIds: readonly string[],
): Promise<DuePass> {
  const pass: DuePass = { ran: [], heldElsewhere: 0, failed: 0 };
  for (const tenantId of tenantIds) {
    const due = await deps.schedules.due(tenantId, deps.clock.now());
    for (const schedule of due) {
      try {
        await takeDueTime(deps, schedule, pass);
      } catch (error) {
        pass.failed += 1;
        deps.logger.error(
          { err: error, scheduleId: schedule.value.id },
          'a schedule due time broke off: another pass takes it once its claim lapses',
        );
      }
    }
  }
  return pass;
}
