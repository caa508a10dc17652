import type { OperationState } from '../../domain/operations/operation.ts';
import type { StoredOperation } from './operation-store.ts';

/**
 * Told after every stored state change of an operation (decided, started, finished, expired),
 * whoever made it: a click, the runner, the expiry sweep or a resumed run after a restart. The
 * bot implements it: redraw every copy of the approval card and tell the requester. It must not
 * throw: the change is already stored, a failed message is logged, not undone.
 */
export interface OperationNotifier {
  changed(operation: StoredOperation, from: OperationState): Promise<void>;
}
