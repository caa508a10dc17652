import type { ObjectId } from '../../domain/licensing.ts';

/** More names than a tenant's licensing groups: past it the cache starts again, never grows. */
const MAX_NAMES = 5_000;

/**
 * Groups' display names by id, kept for `ttlMs`. They label where a user's license comes from on
 * the user card, change rarely, and a rename shows after the next read; asking Graph for them on
 * every `user` turn was one of its two reads. Ids Graph does not know are not kept.
 */
export class GroupNameCache {
  readonly #read: (ids: readonly ObjectId[]) => Promise<Map<ObjectId, string>>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #kept = new Map<ObjectId, { name: string; readAt: number }>();

  constructor(options: {
    read: (ids: readonly ObjectId[]) => Promise<Map<ObjectId, string>>;
    ttlMs: number;
    now: () => number;
  }) {
    this.#read = options.read;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  /** The names of `ids`: kept ones while fresh, the rest in one read of the source. */
  async names(ids: readonly ObjectId[]): Promise<Map<ObjectId, string>> {
    const now = this.#now();
    const names = new Map<ObjectId, string>();
    const missing: ObjectId[] = [];
    for (const id of ids) {
      const kept = this.#kept.get(id);
      if (kept !== undefined && now - kept.readAt < this.#ttlMs) {
        names.set(id, kept.name);
      } else {
        missing.push(id);
      }
    }
    if (missing.length === 0) {
      return names;
    }
    const read = await this.#read(missing);
    if (this.#kept.size + read.size > MAX_NAMES) {
      this.#kept.clear();
    }
    for (const [id, name] of read) {
      this.#kept.set(id, { name, readAt: now });
      names.set(id, name);
    }
    return names;
  }
}
