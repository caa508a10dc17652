import type { StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { resumeOperations, type ResumeOptions, type ResumePass } from './resume-operations.ts';
import { runOperation } from './run-operation.ts';

/** Runs of approved requests: what the bot and the resume job call, built once. */
export interface RunUseCases {
  /**
   * Starts the run of an approved request in the background, on a later turn of the event loop:
   * the caller answers first. Tracked in the runs in flight, so a shutdown stops it between
   * items and waits; a failure is logged, the resume job takes the run up again.
   */
  start(tenantId: string, operationId: string): void;
  /** Runs an approved request to its end, here and now (tools and tests wait for it). */
  run(tenantId: string, operationId: string): Promise<StoredOperation | undefined>;
  /** Takes up the runs a stopped process left, and the approved ones never started. */
  resume(tenantIds: readonly string[], options?: ResumeOptions): Promise<ResumePass>;
}

/** The run use cases over `deps`, wired once by the composition root. */
export function runUseCases(deps: RequestDependencies): RunUseCases {
  return {
    start: (tenantId, operationId) => {
      setImmediate(() => {
        runOperation(deps, tenantId, operationId).catch((error: unknown) =>
          deps.logger.error({ err: error, operationId }, 'running an approved request failed'),
        );
      });
    },
    run: (tenantId, operationId) => runOperation(deps, tenantId, operationId),
    resume: (tenantIds, options) => resumeOperations(deps, tenantIds, options),
  };
}
