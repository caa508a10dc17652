import type { Logger } from './logger.ts';
import type { ApprovalDrawing } from './operation-notifier.ts';
import type { StoredOperation } from './operation-store.ts';

/** What a notification gives each write: its claim to keep alive and its log. */
export interface CardWriting {
  /**
   * Called before each message. It throws when another notifier took the change over (or its
   * claim could not be kept): then nothing more is written, and the throw goes back to the caller.
   */
  keepClaim(): Promise<void>;
  /** The notification's log (the request, its events and state). */
  log: Logger;
}

/**
 * Where the approval cards of a request live, and the requester's chat: what notifying a request
 * change needs from Teams. The bot implements it (drawing cards, writing with retries, pacing
 * progress within Teams' limits). A write answers true when done, or when writing again could
 * never help; false when Teams refused it for now and a later notification should try again.
 */
export interface RequestCardWriter {
  /**
   * Redraws every copy of the request's approval card as `operation` is now. Throws only when
   * the copies cannot be listed: then nothing was written and all is notified again later.
   */
  redrawCards(operation: StoredOperation, writing: CardWriting): Promise<boolean>;
  /**
   * Posts the approvers' copies of a pending request, drawn with `drawing`, into each approvers'
   * conversation that has none yet. Throws only when the approvers cannot be found.
   */
  postApprovalCards(
    operation: StoredOperation,
    drawing: ApprovalDrawing,
    writing: CardWriting,
  ): Promise<boolean>;
  /** Notifies the requester in their personal chat that the request is now in `operation.state`. */
  notifyRequester(operation: StoredOperation, writing: CardWriting): Promise<boolean>;
  /**
   * Whether a running request's progress may be redrawn now (the writer paces it within Teams'
   * limits). When true, the redraw counts as begun: `redrawProgress` must follow.
   */
  progressDue(operation: StoredOperation): boolean;
  /**
   * Redraws the copies due with the progress of the request as stored now. Never rejects: what
   * fails is logged and a later checkpoint draws again.
   */
  redrawProgress(operation: StoredOperation): Promise<void>;
  /** The request is not running (any more): its progress pacing is forgotten. */
  progressOver(operation: StoredOperation): void;
}
