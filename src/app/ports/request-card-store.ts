import type { ObjectId } from '../../domain/licensing.ts';

/** Who a copy of a request card is for: approvers decide on it, the requester follows it. */
export type CardAudience = 'approvers' | 'requester';

/**
 * One posted copy of a request's card: the message the bot sent (or answered a click with) and
 * the conversation it is in, so that every copy can be redrawn in place after a state change.
 */
export interface RequestCardCopy {
  tenantId: string;
  operationId: string;
  conversationId: string;
  /** The message id the connector gave the posted card. */
  activityId: string;
  /** The Bot Framework conversation reference to write into it later. */
  reference: Record<string, unknown>;
  audience: CardAudience;
  /** The Teams ids (MRIs) the approvers' copy refreshes for; kept when it is redrawn. */
  refreshUserIds?: string[];
  /** The requester's user, so the requester's copy is drawn for them. */
  viewerUserId?: ObjectId;
  postedAt: string;
}

/** Where each copy of each request card went; a request has a handful, at most ~60. */
export interface RequestCardStore {
  /** Records a copy; the same message recorded again changes nothing. */
  add(copy: RequestCardCopy): Promise<void>;
  /** The copies of one operation in its tenant, in the order they were posted. */
  list(tenantId: string, operationId: string): Promise<RequestCardCopy[]>;
}
