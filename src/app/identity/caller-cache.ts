import type { Result } from '../../domain/errors.ts';
import type { Caller, IdentityRefusal } from './caller.ts';

type Identified = Result<Caller, IdentityRefusal>;

/**
 * Recent identities by tenant and user, so a chatty user costs one directory look-up a minute.
 * Owned by one bot instance; a role change in Entra shows within `ttlMs`.
 */
export class CallerCache {
  readonly #entries = new Map<string, { storedAt: number; identified: Identified }>();
  readonly #lookingUp = new Map<string, Promise<Identified>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(options: { ttlMs?: number; maxEntries?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 5_000;
  }

  get(tenantId: string, userId: string, now: number): Identified | undefined {
    const key = `${tenantId}/${userId}`;
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (now - entry.storedAt >= this.#ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.identified;
  }

  /**
   * The look-up already under way for this user, or `lookUp` started now: a user whose entry
   * ran out while their conversations are busy costs one directory look-up, not one per turn.
   * The answer is shared, not stored: the caller stores it with `set`.
   */
  shared(tenantId: string, userId: string, lookUp: () => Promise<Identified>): Promise<Identified> {
    const key = `${tenantId}/${userId}`;
    let pending = this.#lookingUp.get(key);
    if (pending === undefined) {
      pending = lookUp().finally(() => this.#lookingUp.delete(key));
      this.#lookingUp.set(key, pending);
    }
    return pending;
  }

  set(tenantId: string, userId: string, identified: Identified, now: number): void {
    // Oldest first out: Map keeps insertion order, so the first key is the oldest entry.
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) {
        this.#entries.delete(oldest);
      }
    }
    this.#entries.set(`${tenantId}/${userId}`, { storedAt: now, identified });
  }
}
