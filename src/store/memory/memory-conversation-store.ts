import type {
  ConversationKind,
  ConversationStore,
  StoredConversation,
} from '../../app/ports/stores.ts';
import { storedConversationSchema } from '../documents.ts';

const byNewest = (a: StoredConversation, b: StoredConversation): number =>
  b.updatedAt.localeCompare(a.updatedAt);

/** `ConversationStore` in memory, for unit tests of the app and bot; passes the same contract suite. */
export class MemoryConversationStore implements ConversationStore {
  readonly #items = new Map<string, StoredConversation>();
  // Apart from the references, as in Cosmos: saving a reference again keeps its claim.
  readonly #welcomed = new Set<string>();

  save(conversation: StoredConversation): Promise<void> {
    // Same checks as the Cosmos store, so unit tests fail where production would.
    this.#items.set(
      key(conversation.tenantId, conversation.conversationId),
      structuredClone(storedConversationSchema.parse(conversation)),
    );
    return Promise.resolve();
  }

  get(tenantId: string, conversationId: string): Promise<StoredConversation | null> {
    const found = this.#items.get(key(tenantId, conversationId));
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  async findPersonal(tenantId: string, userId: string): Promise<StoredConversation | null> {
    const personal = await this.list(tenantId, 'personal');
    return personal.find((conversation) => conversation.userId === userId) ?? null;
  }

  list(tenantId: string, kind?: ConversationKind): Promise<StoredConversation[]> {
    const found = [...this.#items.values()]
      .filter((item) => item.tenantId === tenantId && (kind === undefined || item.kind === kind))
      .sort(byNewest)
      .map((item) => structuredClone(item));
    return Promise.resolve(found);
  }

  remove(tenantId: string, conversationId: string): Promise<boolean> {
    this.#welcomed.delete(key(tenantId, conversationId));
    return Promise.resolve(this.#items.delete(key(tenantId, conversationId)));
  }

  async removeTeam(tenantId: string, teamId: string): Promise<string[]> {
    const channels = (await this.list(tenantId)).filter((item) => item.teamId === teamId);
    for (const channel of channels) {
      await this.remove(tenantId, channel.conversationId);
    }
    return channels.map((channel) => channel.conversationId);
  }

  claimWelcome(tenantId: string, conversationId: string): Promise<boolean> {
    const claimed = key(tenantId, conversationId);
    if (this.#welcomed.has(claimed)) {
      return Promise.resolve(false);
    }
    this.#welcomed.add(claimed);
    return Promise.resolve(true);
  }

  releaseWelcome(tenantId: string, conversationId: string): Promise<void> {
    this.#welcomed.delete(key(tenantId, conversationId));
    return Promise.resolve();
  }
}

const key = (tenantId: string, conversationId: string): string => `${tenantId}\n${conversationId}`;
