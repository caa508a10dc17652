import { ConcurrencyConflictError } from '../../app/ports/stores.ts';
import type { UserPreferences, UserPreferencesStore, Versioned } from '../../app/ports/stores.ts';
import { userPreferencesSchema } from '../documents.ts';

/**
 * `UserPreferencesStore` in memory with ETags that change on every write, so the same
 * conflicts happen as in Cosmos; passes the same contract suite.
 */
export class MemoryUserPreferencesStore implements UserPreferencesStore {
  readonly #items = new Map<string, Versioned<UserPreferences>>();
  #version = 0;

  get(tenantId: string, userId: string): Promise<Versioned<UserPreferences> | null> {
    const found = this.#items.get(key(tenantId, userId));
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  save(preferences: UserPreferences, etag?: string): Promise<Versioned<UserPreferences>> {
    const id = key(preferences.tenantId, preferences.userId);
    const current = this.#items.get(id);
    if (etag === undefined ? current !== undefined : current?.etag !== etag) {
      return Promise.reject(
        new ConcurrencyConflictError(
          `Preferences of ${preferences.userId} were changed by someone else.`,
        ),
      );
    }
    this.#version += 1;
    const saved = {
      value: structuredClone(userPreferencesSchema.parse(preferences)),
      etag: `"m${this.#version}"`,
    };
    this.#items.set(id, saved);
    return Promise.resolve(structuredClone(saved));
  }
}

const key = (tenantId: string, userId: string): string => `${tenantId}\n${userId}`;
