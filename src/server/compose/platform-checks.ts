import type { Directory } from '../../app/ports/directory.ts';
import type { CosmosStore } from '../../store/index.ts';
import type { ReadinessCheck } from '../readiness.ts';

/** `/readyz`: License Desk cannot serve without Cosmos. */
export function readinessChecks(store: CosmosStore): ReadinessCheck[] {
  return [
    {
      name: 'cosmos',
      check: async () => {
        const status = await store.ping();
        if (!status.ok) {
          throw new Error(status.reason);
        }
      },
    },
  ];
}

/** `/healthz`: Graph down is a degraded service, not an unready one (requests are saved). */
export function healthChecks(directory: Directory): ReadinessCheck[] {
  return [{ name: 'graph', check: () => directory.getOrganization() }];
}
