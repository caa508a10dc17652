import type { ScheduleUseCases } from '../app/schedules/schedule-use-cases.ts';
import type { BackgroundJobs } from './background-jobs.ts';

/** The background job that runs the schedules that are due. */
export const SCHEDULE_JOB = 'run due schedules';

/**
 * Registers the schedule job: every `intervalSeconds` each due time is claimed by one instance
 * and run; it also runs once at start, so a time missed while nothing ran is taken up at once.
 */
export function registerScheduleJobs(
  jobs: BackgroundJobs,
  options: {
    schedules: Pick<ScheduleUseCases, 'runDue'>;
    /** The tenants served now (read at each tick: a tenant onboarded later is included). */
    tenantIds: () => Promise<readonly string[]>;
    intervalSeconds: number;
  },
): void {
  jobs.register({
    name: SCHEDULE_JOB,
    schedule: { everySeconds: options.intervalSeconds },
    run: async () => {
      await options.schedules.runDue(await options.tenantIds());
    },
  });
  void jobs.runNow(SCHEDULE_JOB);
}
