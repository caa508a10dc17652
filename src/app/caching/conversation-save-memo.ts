import type { Clock } from '../ports/clock.ts';
import type {
  ConversationSaveOptions,
  ConversationStore,
  StoredConversation,
} from '../ports/stores.ts';

export const DEFAULT_RESAVE_AFTER_MS = 10 * 60_000;
const DEFAULT_MAX_REMEMBERED = 10_000;

/**
 * What a save would change in the stored reference. Its timestamp alone is no change, and
 * neither is `activityId`: a reference taken from a message carries that message's id, new on
 * every turn, and writing to the conversation later does not depend on it.
 */
function fingerprintOf({ kind, userId, reference }: StoredConversation): string {
  const { activityId: _activityId, ...where } = reference;
  return JSON.stringify({ kind, userId, where });
}

/**
 * A `ConversationStore` that skips a refresh (`{ refresh: true }`) of a conversation reference
 * this instance saved moments ago, unchanged. The bot refreshes the reference on every personal
 * message (so notifications reach people whose install event was missed); without this, every
 * turn is a Cosmos write that changes nothing but `updatedAt`. A changed reference (new service
 * URL, another kind) is written at once, and an unchanged one again after `resaveAfterMs`, so
 * the stored copy is never older than that. Any other save (an install, `approvals here`) writes
 * through: another instance may have forgotten the conversation meanwhile, and this one cannot
 * know. Reads go straight through.
 *
 * Owned by the composition root; remembers at most `maxRemembered` conversations, oldest out.
 */
export class ConversationSaveMemo implements ConversationStore {
  readonly #store: ConversationStore;
  readonly #now: () => number;
  readonly #resaveAfterMs: number;
  readonly #maxRemembered: number;
  readonly #saved = new Map<string, { fingerprint: string; savedAt: number }>();

  constructor(
    store: ConversationStore,
    clock: Pick<Clock, 'now'>,
    options: { resaveAfterMs?: number; maxRemembered?: number } = {},
  ) {
    this.#store = store;
    this.#now = () => clock.now().getTime();
    this.#resaveAfterMs = options.resaveAfterMs ?? DEFAULT_RESAVE_AFTER_MS;
    this.#maxRemembered = options.maxRemembered ?? DEFAULT_MAX_REMEMBERED;
  }

  async save(
    conversation: StoredConversation,
    options: ConversationSaveOptions = {},
  ): Promise<void> {
    const key = `${conversation.tenantId}/${conversation.conversationId}`;
    const fingerprint = fingerprintOf(conversation);
    const last = this.#saved.get(key);
    const now = this.#now();
    const fresh = last?.fingerprint === fingerprint && now - last.savedAt < this.#resaveAfterMs;
    if (options.refresh === true && fresh) {
      return;
    }
    await this.#store.save(conversation);
    // Remembered only once written: a failed save is tried again on the next turn.
    this.#saved.delete(key);
    if (this.#saved.size >= this.#maxRemembered) {
      const oldest = this.#saved.keys().next().value;
      if (oldest !== undefined) {
        this.#saved.delete(oldest);
      }
    }
    this.#saved.set(key, { fingerprint, savedAt: now });
  }

  get: ConversationStore['get'] = (tenantId, conversationId) =>
    this.#store.get(tenantId, conversationId);
  findPersonal: ConversationStore['findPersonal'] = (tenantId, userId) =>
    this.#store.findPersonal(tenantId, userId);
  list: ConversationStore['list'] = (tenantId, kind) => this.#store.list(tenantId, kind);
  claimWelcome: ConversationStore['claimWelcome'] = (tenantId, conversationId, at) =>
    this.#store.claimWelcome(tenantId, conversationId, at);
  releaseWelcome: ConversationStore['releaseWelcome'] = (tenantId, conversationId) =>
    this.#store.releaseWelcome(tenantId, conversationId);

  // A forgotten conversation is forgotten here too: saving it again (a reinstall) must write.
  async remove(tenantId: string, conversationId: string): Promise<boolean> {
    this.#saved.delete(`${tenantId}/${conversationId}`);
    return this.#store.remove(tenantId, conversationId);
  }

  async removeTeam(tenantId: string, teamId: string): Promise<string[]> {
    const removed = await this.#store.removeTeam(tenantId, teamId);
    for (const conversationId of removed) {
      this.#saved.delete(`${tenantId}/${conversationId}`);
    }
    return removed;
  }
}
