import type { NoticeUseCases } from '../app/notices/notice-use-cases.ts';
import type { RequestUseCases } from '../app/requests/request-use-cases.ts';
import type { RunUseCases } from '../app/runs/run-use-cases.ts';
import type { BackgroundJobs } from './background-jobs.ts';

/** The background job that expires pending requests past their time. */
export const EXPIRY_JOB = 'expire pending requests';

/** The background job that resumes runs a stopped process left unfinished. */
export const RESUME_JOB = 'resume unfinished runs';

/** The background job that tells the request changes a stopped process stored but never told. */
export const TELL_JOB = 'tell untold request changes';

/** What the request jobs work with: use cases, from the composition root. */
export interface RequestJobsOptions {
  requests: Pick<RequestUseCases, 'expire'>;
  runs: Pick<RunUseCases, 'resume'>;
  notices: NoticeUseCases;
  /** The tenants served now (read at each tick: a tenant onboarded later is included). */
  tenantIds: () => Promise<readonly string[]>;
  expirySweepSeconds: number;
  resumeIntervalSeconds: number;
  /** Set when closing starts: passes stop between requests. */
  signal: AbortSignal;
}

/**
 * Registers the periodic request work: expiring undecided requests, resuming runs a dead process
 * left, and telling changes it never told; the last two also run once at once, in the background,
 * so what a stopped process left is taken up without delaying readiness.
 */
export function registerRequestJobs(jobs: BackgroundJobs, options: RequestJobsOptions): void {
  jobs.register({
    name: EXPIRY_JOB,
    schedule: { everySeconds: options.expirySweepSeconds },
    run: async () => {
      await options.requests.expire(await options.tenantIds());
    },
  });
  jobs.register({
    name: RESUME_JOB,
    schedule: { everySeconds: options.resumeIntervalSeconds },
    run: async () => {
      await options.runs.resume(await options.tenantIds());
    },
  });
  jobs.register({
    name: TELL_JOB,
    schedule: { everySeconds: options.resumeIntervalSeconds },
    run: async () => {
      await options.notices.tellUntold(await options.tenantIds(), { signal: options.signal });
    },
  });
  void jobs.runNow(RESUME_JOB);
  void jobs.runNow(TELL_JOB);
}
