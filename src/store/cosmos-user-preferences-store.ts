import type { Container } from '@azure/cosmos';
import type { UserPreferences, UserPreferencesStore, Versioned } from '../app/ports/stores.ts';
import { parseDocument, userPreferencesSchema } from './documents.ts';
import { createVersioned, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { toItemId } from './item-ids.ts';

type PreferencesDocument = UserPreferences & { id: string };

const parse = (document: unknown): UserPreferences =>
  parseDocument(userPreferencesSchema, document, 'preferences');

/**
 * A user's preferences in the `preferences` container (partition: tenant, id: user). Two turns
 * of the same user can race (a double-sent message, two devices): every write is guarded by the
 * ETag the caller read, and a lost race is a `ConcurrencyConflictError`.
 */
export class CosmosUserPreferencesStore implements UserPreferencesStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async get(tenantId: string, userId: string): Promise<Versioned<UserPreferences> | null> {
    const found = await readVersioned<PreferencesDocument>(
      this.#container,
      toItemId(userId),
      tenantId,
    );
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async save(preferences: UserPreferences, etag?: string): Promise<Versioned<UserPreferences>> {
    const document: PreferencesDocument = {
      ...userPreferencesSchema.parse(preferences),
      id: toItemId(preferences.userId),
    };
    const saved =
      etag === undefined
        ? await createVersioned(this.#container, document)
        : await replaceIfMatch(this.#container, document, preferences.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }
}
