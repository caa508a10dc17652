import type { AlertEntry } from '../../domain/alerts/alert.ts';
import type { StoredConversation } from './stores.ts';

/** One alert's card, or a summary card of several. */
export interface AlertMessage {
  alerts: AlertEntry[];
  summary: boolean;
}

/**
 * How a write went: done (a post's new message id, when Teams gave one); `later` when Teams was
 * busy past the retries or the post may not have gone in; `gone` when the bot is no longer in
 * the conversation (it is then unsubscribed).
 */
export type AlertWriteResult =
  | { outcome: 'done'; activityId?: string }
  | { outcome: 'later' }
  | { outcome: 'gone' }
  | { outcome: 'failed' };

/** Writes alert cards into subscribed conversations: the bot implements it (`TeamsAlertWriter`). */
export interface AlertCardWriter {
  post(conversation: StoredConversation, message: AlertMessage): Promise<AlertWriteResult>;
  /** Redraws a message in place as its alerts are now (solved, changed). */
  update(
    conversation: StoredConversation,
    activityId: string,
    message: AlertMessage,
  ): Promise<AlertWriteResult>;
}
