import type { AlertUseCases } from '../app/alerts/alert-use-cases.ts';
import type { BackgroundJobs } from './background-jobs.ts';

/** The background job that looks at each tenant with alert subscribers and sends what is new. */
export const ALERT_JOB = 'look for problems to alert on';

/** Registers the alert monitor: one look every `intervalSeconds` (one instance per tenant a tick). */
export function registerAlertJobs(
  jobs: BackgroundJobs,
  options: {
    alerts: Pick<AlertUseCases, 'monitor'>;
    /** The tenants served now (read at each tick: a tenant onboarded later is included). */
    tenantIds: () => Promise<readonly string[]>;
    intervalSeconds: number;
  },
): void {
  jobs.register({
    name: ALERT_JOB,
    schedule: { everySeconds: options.intervalSeconds },
    run: async () => options.alerts.monitor(await options.tenantIds()),
  });
}
