import type {
  AlertSubscription,
  AlertSubscriptionStore,
} from '../../app/ports/alert-subscription-store.ts';
import { alertSubscriptionSchema } from '../cosmos-alert-documents.ts';
import { settle } from './memory-versions.ts';

/** `AlertSubscriptionStore` in memory; passes the same contract suite as the Cosmos one. */
export class MemoryAlertSubscriptionStore implements AlertSubscriptionStore {
  readonly #subscriptions = new Map<string, AlertSubscription>();

  subscribe(subscription: AlertSubscription): Promise<boolean> {
    return settle(() => {
      const valid = alertSubscriptionSchema.parse(subscription);
      const key = `${valid.tenantId}/${valid.conversationId}`;
      const isNew = !this.#subscriptions.has(key);
      this.#subscriptions.set(key, structuredClone(valid));
      return isNew;
    });
  }

  unsubscribe(tenantId: string, conversationId: string): Promise<boolean> {
    return Promise.resolve(this.#subscriptions.delete(`${tenantId}/${conversationId}`));
  }

  list(tenantId: string): Promise<AlertSubscription[]> {
    return Promise.resolve(
      [...this.#subscriptions.values()]
        .filter((subscription) => subscription.tenantId === tenantId)
        .map((subscription) => structuredClone(subscription))
        .sort((a, b) => a.subscribedAt.localeCompare(b.subscribedAt)),
    );
  }
}
