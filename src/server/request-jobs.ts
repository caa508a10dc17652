import { expirePendingRequests } from '../app/requests/expire-pending-requests.ts';
import type { RequestDependencies } from '../app/requests/request-deps.ts';
import { resumeOperations } from '../app/runs/resume-operations.ts';
import { tellUntoldChanges } from '../app/notices/tell-untold-changes.ts';
import type { BackgroundJobs } from './background-jobs.ts';

/** The background job that expires pending requests past their time. */
export const EXPIRY_JOB = 'expire pending requests';

/** The background job that resumes runs a stopped process left unfinished. */
export const RESUME_JOB = 'resume unfinished runs';

/** The background job that tells the request changes a stopped process stored but never told. */
export const TELL_JOB = 'tell untold request changes';

/** What the request jobs work with, from the composition root. */
export interface RequestJobsOptions {
  requests: RequestDependencies;
  tenantIds: readonly string[];
  expirySweepSeconds: number;
  resumeIntervalSeconds: number;
  /** The telling's dependencies and sender, once the bot (and its notifier) exists. */
  tell: () => Parameters<typeof tellUntoldChanges>[0] | undefined;
  send: () => Parameters<typeof tellUntoldChanges>[2] | undefined;
  /** Set when closing starts: passes stop between requests. */
  signal: AbortSignal;
}

/**
 * Registers the periodic request work: expiring undecided requests, resuming runs a dead process
 * left, and telling changes it never told; the last two also run once at once, in the background,
 * so what a stopped process left is taken up without delaying readiness.
 */
export function registerRequestJobs(jobs: BackgroundJobs, options: RequestJobsOptions): void {
  const tenantIds = [...options.tenantIds];
  jobs.register({
    name: EXPIRY_JOB,
    schedule: { everySeconds: options.expirySweepSeconds },
    run: async () => {
      await expirePendingRequests(options.requests, tenantIds);
    },
  });
  jobs.register({
    name: RESUME_JOB,
    schedule: { everySeconds: options.resumeIntervalSeconds },
    run: async () => {
      await resumeOperations(options.requests, tenantIds);
    },
  });
  jobs.register({
    name: TELL_JOB,
    schedule: { everySeconds: options.resumeIntervalSeconds },
    run: async () => {
      const tell = options.tell();
      const send = options.send();
      if (tell && send) {
        await tellUntoldChanges(tell, tenantIds, send, { signal: options.signal });
      }
    },
  });
  void jobs.runNow(RESUME_JOB);
  void jobs.runNow(TELL_JOB);
}
