import type { Container } from '@azure/cosmos';
import type {
  ConversationKind,
  ConversationStore,
  StoredConversation,
} from '../app/ports/stores.ts';
import { parseDocument, storedConversationSchema } from './documents.ts';
import { readVersioned } from './etag-guard.ts';
import { toItemId } from './item-ids.ts';
import { queryAll, queryPage } from './paging.ts';
import type { Page, PageRequest } from './paging.ts';

type ConversationDocument = StoredConversation & { id: string };

const parse = (document: unknown): StoredConversation =>
  parseDocument(storedConversationSchema, document, 'conversations');

/**
 * Conversation references in the `conversations` container, one item per conversation
 * (partition: tenant). Saving again replaces the reference: Teams may move a conversation to
 * another service URL, and the newest reference is the one that works.
 */
export class CosmosConversationStore implements ConversationStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
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
