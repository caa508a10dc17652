import type { OperationState } from '../../domain/operations/operation.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import type { StoredOperation } from './operation-store.ts';

/**
 * Told after every stored state change of an operation (decided, started, finished, expired),
 * whoever made it: a click, the runner, the expiry sweep or a resumed run after a restart. The
 * bot implements it: redraw every copy of the approval card and tell the requester. It must not
 * throw: the change is already stored, a failed message is logged, not undone.
 */
export interface OperationNotifier {
  changed(operation: StoredOperation, from: OperationState): Promise<void>;
  /**
   * A new pending request, told to the requester: its approvers' copies are posted after the
   * answer, drawn with what planning knew. Optional: without it they are left to the job, which
   * posts what the request's change notice says is due.
   */
  asked?(operation: StoredOperation, drawing: ApprovalDrawing): Promise<void>;
  /**
   * A run saved a checkpoint (`operation.checkpoint`: users per state, and when): its cards may
   * show how far it got. Best effort, so it returns at once and never throws: the run never waits
   * for Teams, and the change that ends the run redraws every card anyway. Optional: without it
   * the cards show progress only when drawn for another reason.
   */
  progressed?(operation: StoredOperation): void;
}

/** What the approvers' card shows beyond the stored request, when the request was just planned. */
export interface ApprovalDrawing {
  impact?: Impact;
  reasons?: string[];
}
