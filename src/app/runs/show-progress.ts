import type { StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/**
 * Tells the notifier that a run saved a checkpoint, so its cards can show progress. Never throws
 * and never waits: progress is shown on the side, the run goes on whatever becomes of it.
 */
export function showProgress(
  deps: Pick<RequestDependencies, 'notifier' | 'logger'>,
  operation: StoredOperation,
): void {
  try {
    deps.notifier.progressed?.(operation);
  } catch (error) {
    deps.logger.warn(
      { err: error, operationId: operation.id },
      'could not show the progress of a run',
    );
  }
}
