import type { Container } from '@azure/cosmos';
import type {
  AlertSubscription,
  AlertSubscriptionStore,
} from '../app/ports/alert-subscription-store.ts';
import { alertSubscriptionSchema } from './cosmos-alert-documents.ts';
import { isNotFound } from './cosmos-errors.ts';
import { parseDocument } from './documents.ts';
import { readVersioned } from './etag-guard.ts';
import { toItemId } from './item-ids.ts';
import { queryAll } from './paging.ts';

type SubscriptionDocument = AlertSubscription & { id: string; type: 'alertSubscription' };

const subscriptionId = (conversationId: string): string =>
  `subscription:${toItemId(conversationId)}`;

const parse = (document: unknown): AlertSubscription =>
  parseDocument(alertSubscriptionSchema, document, 'alerts');

/**
 * Alert subscriptions in the `alerts` container (partition: tenant), one item per conversation
 * beside the tenant's snapshot; listed per tenant by their `type`.
 */
export class CosmosAlertSubscriptionStore implements AlertSubscriptionStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async subscribe(subscription: AlertSubscription): Promise<boolean> {
    const id = subscriptionId(subscription.conversationId);
    const before = await readVersioned(this.#container, id, subscription.tenantId);
    const document: SubscriptionDocument = {
      ...alertSubscriptionSchema.parse(subscription),
      id,
      type: 'alertSubscription',
    };
    // The newest `alerts on` wins: its reference and who typed it.
    await this.#container.items.upsert(document);
    return before === null;
  }

  async unsubscribe(tenantId: string, conversationId: string): Promise<boolean> {
    try {
      await this.#container.item(subscriptionId(conversationId), tenantId).delete();
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  async list(tenantId: string): Promise<AlertSubscription[]> {
    const documents = await queryAll<SubscriptionDocument>(
      this.#container,
      {
        query: "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = 'alertSubscription'",
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      tenantId,
    );
    return documents.map(parse).sort((a, b) => a.subscribedAt.localeCompare(b.subscribedAt));
  }
}
