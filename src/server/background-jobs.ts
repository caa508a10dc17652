import { Cron } from 'croner';
import type { Logger } from '../app/ports/logger.ts';

/** When a job runs: every so many seconds, or on a cron pattern (seconds field optional). */
export type JobSchedule = { everySeconds: number } | { cron: string };

/** Periodic work of the process: the expiry sweep, resuming unfinished runs… */
export interface BackgroundJob {
  /** Names the job in logs and for `runNow`; unique per process. */
  name: string;
  schedule: JobSchedule;
  run(): Promise<void>;
}

/**
 * Runs registered jobs on their schedules (`croner`). A job never overlaps itself: a tick that
 * comes while its last run is still going is skipped. A failed run is logged, and the job runs
 * again on its next tick. `stop` stops the timers and waits for runs in progress.
 */
export class BackgroundJobs {
  readonly #logger: Logger;
  readonly #jobs = new Map<string, { job: BackgroundJob; timer: Cron }>();
  readonly #running = new Map<string, Promise<void>>();
  #stopped = false;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Schedules a job from now on. */
  register(job: BackgroundJob): void {
    if (this.#stopped) {
      throw new Error(`Background jobs are stopped: cannot register "${job.name}".`);
    }
    if (this.#jobs.has(job.name)) {
      throw new Error(`A background job named "${job.name}" is already registered.`);
    }
    const pattern = 'cron' in job.schedule ? job.schedule.cron : '* * * * * *';
    const timer = new Cron(
      pattern,
      {
        // No croner `name`: croner keeps named jobs process-wide, and tests run several desks.
        protect: true,
        unref: true,
        // croner runs an interval job's first tick within a second of now; one interval from
        // now is what "every N seconds" means (work wanted at start is asked for with runNow).
        ...('everySeconds' in job.schedule
          ? {
              interval: job.schedule.everySeconds,
              startAt: new Date(Date.now() + job.schedule.everySeconds * 1_000),
            }
          : {}),
      },
      async () => {
        await this.#run(job);
      },
    );
    this.#jobs.set(job.name, { job, timer });
  }

  /** Runs a job now, off schedule; false when it is already running (then it is not run twice). */
  async runNow(name: string): Promise<boolean> {
    const entry = this.#jobs.get(name);
    if (!entry) {
      throw new Error(`No background job named "${name}".`);
    }
    return this.#run(entry.job);
  }

  /** Whether a job is running now. */
  get busy(): boolean {
    return this.#running.size > 0;
  }

  /** Waits for the runs in progress now (e.g. the start-up runs), without stopping anything. */
  async idle(): Promise<void> {
    await Promise.all(this.#running.values());
  }

  /**
   * Stops every timer and waits for the runs in progress, at most `timeoutMs` when given (a job
   * that honours the process's stop signal ends sooner); later ticks never come.
   */
  async stop(timeoutMs?: number): Promise<void> {
    this.#stopped = true;
    for (const { timer } of this.#jobs.values()) {
      timer.stop();
    }
    const inProgress = Promise.all(this.#running.values());
    if (timeoutMs === undefined) {
      await inProgress;
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timedOut'>((resolve) => {
      timer = setTimeout(() => resolve('timedOut'), timeoutMs);
    });
    const ended = await Promise.race([inProgress.then(() => 'ended' as const), timedOut]);
    clearTimeout(timer);
    if (ended === 'timedOut') {
      this.#logger.warn(
        { jobs: [...this.#running.keys()] },
        'background jobs still running at stop',
      );
    }
  }

  async #run(job: BackgroundJob): Promise<boolean> {
    if (this.#stopped || this.#running.has(job.name)) {
      this.#logger.debug({ job: job.name }, 'background job still running: tick skipped');
      return false;
    }
    const started = Date.now();
    const run = job
      .run()
      .then(
        () => this.#logger.debug({ job: job.name, ms: Date.now() - started }, 'background job ran'),
        (error: unknown) =>
          this.#logger.error(
            { err: error, job: job.name, ms: Date.now() - started },
            'background job failed',
          ),
      )
      .finally(() => this.#running.delete(job.name));
    this.#running.set(job.name, run);
    await run;
    return true;
  }
}
