import type { Container } from '@azure/cosmos';
import type {
  ConversationKind,
  ConversationStore,
  StoredConversation,
} from '../app/ports/stores.ts';
import { isNotFound } from './cosmos-errors.ts';
import { parseDocument, storedConversationSchema } from './documents.ts';
import { createOnce, readVersioned } from './etag-guard.ts';
import { toItemId } from './item-ids.ts';
import { queryAll, queryPage } from './paging.ts';
import type { Page, PageRequest } from './paging.ts';

type ConversationDocument = StoredConversation & { id: string };

/** That a team or group chat was welcomed; kept until the bot leaves it. */
interface WelcomeDocument {
  id: string;
  tenantId: string;
  type: 'conversationWelcome';
  conversationId: string;
  welcomedAt: string;
}

const welcomeId = (conversationId: string): string =>
  `conversation-welcome:${toItemId(conversationId)}`;

const parse = (document: unknown): StoredConversation =>
  parseDocument(storedConversationSchema, document, 'conversations');

/**
 * Conversation references in the `conversations` container, one item per conversation
 * (partition: tenant). Saving again replaces the reference: Teams may move a conversation to
 * another service URL, and the newest reference is the one that works.
 *
 * Welcome claims are kept in `welcomes` (the tenant-settings partition of `preferences`, beside
 * the approvers' channel), not beside the references: a claim must survive the reference being
 * saved again (an upsert replaces the whole item), and listings must hold references only.
 */
export class CosmosConversationStore implements ConversationStore {
  readonly #container: Container;
  readonly #welcomes: Container;

  constructor(container: Container, welcomes: Container) {
    this.#container = container;
    this.#welcomes = welcomes;
  }

  async save(conversation: StoredConversation): Promise<void> {
    const document: ConversationDocument = {
      ...storedConversationSchema.parse(conversation),
      id: toItemId(conversation.conversationId),
    };
    await this.#container.items.upsert(document);
  }

  async get(tenantId: string, conversationId: string): Promise<StoredConversation | null> {
    const found = await readVersioned<ConversationDocument>(
      this.#container,
      toItemId(conversationId),
      tenantId,
    );
    return found === null ? null : parse(found.value);
  }

  async findPersonal(tenantId: string, userId: string): Promise<StoredConversation | null> {
    const { items } = await queryPage<ConversationDocument>(
      this.#container,
      {
        query:
          "SELECT TOP 1 * FROM c WHERE c.tenantId = @tenantId AND c.kind = 'personal' AND c.userId = @userId ORDER BY c.updatedAt DESC",
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@userId', value: userId },
        ],
      },
      tenantId,
      { pageSize: 1 },
    );
    return items[0] === undefined ? null : parse(items[0]);
  }

  async list(tenantId: string, kind?: ConversationKind): Promise<StoredConversation[]> {
    const documents = await queryAll<ConversationDocument>(
      this.#container,
      listQuery(tenantId, kind),
      tenantId,
    );
    return documents.map(parse);
  }

  async remove(tenantId: string, conversationId: string): Promise<boolean> {
    const removed = await deleteIfThere(this.#container, toItemId(conversationId), tenantId);
    await deleteIfThere(this.#welcomes, welcomeId(conversationId), tenantId);
    return removed;
  }

  async removeTeam(tenantId: string, teamId: string): Promise<string[]> {
    const channels = await queryAll<ConversationDocument>(
      this.#container,
      {
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.teamId = @teamId',
        parameters: [
          { name: '@tenantId', value: tenantId },
          { name: '@teamId', value: teamId },
        ],
      },
      tenantId,
    );
    const removed: string[] = [];
    for (const channel of channels) {
      if (await this.remove(tenantId, channel.conversationId)) {
        removed.push(channel.conversationId);
      }
    }
    return removed;
  }

  async claimWelcome(tenantId: string, conversationId: string, at: string): Promise<boolean> {
    const claim: WelcomeDocument = {
      id: welcomeId(conversationId),
      tenantId,
      type: 'conversationWelcome',
      conversationId,
      welcomedAt: at,
    };
    // A create fails on an existing id: of two events at once, exactly one creates it.
    return (await createOnce(this.#welcomes, claim)) === 'created';
  }

  async releaseWelcome(tenantId: string, conversationId: string): Promise<void> {
    await deleteIfThere(this.#welcomes, welcomeId(conversationId), tenantId);
  }

  /** One page of `list`, for callers that walk many conversations (alert fan-out). */
  async listPage(
    tenantId: string,
    kind: ConversationKind | undefined,
    request: PageRequest,
  ): Promise<Page<StoredConversation>> {
    const page = await queryPage<ConversationDocument>(
      this.#container,
      listQuery(tenantId, kind),
      tenantId,
      request,
    );
    return { ...page, items: page.items.map(parse) };
  }
}

const listQuery = (tenantId: string, kind: ConversationKind | undefined) => ({
  query: `SELECT * FROM c WHERE c.tenantId = @tenantId${kind === undefined ? '' : ' AND c.kind = @kind'} ORDER BY c.updatedAt DESC`,
  parameters: [
    { name: '@tenantId', value: tenantId },
    ...(kind === undefined ? [] : [{ name: '@kind', value: kind }]),
  ],
});

/** Deletes the item; false when it was not there (already forgotten, or never stored). */
async function deleteIfThere(container: Container, id: string, tenantId: string): Promise<boolean> {
  try {
    await container.item(id, tenantId).delete();
    return true;
  } catch (error) {
    if (isNotFound(error)) {
      return false;
    }
    throw error;
  }
}
