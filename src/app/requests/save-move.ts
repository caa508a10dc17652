import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { RequestDependencies } from './request-deps.ts';

/**
 * Stores an operation's next state under the ETag `current` was read with, then tells the
 * notifier (cards, requester, history). Undefined when someone else changed the operation first:
 * the caller answers from what the winner left.
 */
export async function saveMove(
  deps: Pick<RequestDependencies, 'operations' | 'notifier'>,
  current: Versioned<StoredOperation>,
  next: StoredOperation,
): Promise<Versioned<StoredOperation> | undefined> {
  let saved: Versioned<StoredOperation>;
  try {
    saved = await deps.operations.transition(next.tenantId, next.id, current.etag, next);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return undefined;
    }
    throw error;
  }
  await deps.notifier.changed(saved.value, current.value.state);
  return saved;
}
