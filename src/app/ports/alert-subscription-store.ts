import type { Person } from '../../domain/operations/operation.ts';
import type { ConversationKind } from './stores.ts';

/** A conversation that asked for proactive alerts (`alerts on`). */
export interface AlertSubscription {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  /** The team of a channel: leaving the team unsubscribes its channels. */
  teamId?: string;
  /** The approver who typed `alerts on`. */
  subscribedBy: Person;
  subscribedAt: string;
}

/** The conversations each tenant's alerts go to (the `alerts` container). */
export interface AlertSubscriptionStore {
  /** Subscribes the conversation; true when it was not subscribed yet (saying it twice is harmless). */
  subscribe(subscription: AlertSubscription): Promise<boolean>;
  /** False when it was not subscribed. */
  unsubscribe(tenantId: string, conversationId: string): Promise<boolean>;
  /** Every subscribed conversation of the tenant. */
  list(tenantId: string): Promise<AlertSubscription[]>;
}
