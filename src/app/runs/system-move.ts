import { transition } from '../../domain/operations/state-machine.ts';
import type { TransitionEvent } from '../../domain/operations/operation.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { saveMove } from '../requests/save-move.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/** A move License Desk makes itself, from a fresh read (checkpoints move the ETag meanwhile). */
export async function moveBySystem(
  deps: RequestDependencies,
  tenantId: string,
  operationId: string,
  what: string,
  eventFor: (latest: StoredOperation) => TransitionEvent | Promise<TransitionEvent>,
): Promise<StoredOperation | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const latest = await deps.operations.get(tenantId, operationId);
    if (!latest) {
      return undefined;
    }
    const event = await eventFor(latest.value);
    const moved = transition(latest.value, event, { kind: 'system' }, deps.clock.now());
    if (!moved.ok) {
      deps.logger.warn({ operationId, refusal: moved.failure.code }, `could not ${what}`);
      return latest.value;
    }
    const saved = await saveMove(deps, latest, moved.value);
    if (saved) {
      return saved.value;
    }
  }
  return undefined;
}
