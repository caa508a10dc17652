/**
 * One value read through to its source and kept for `ttlMs`: the first reader after it goes stale
 * reads again, and readers that arrive while that read is under way share it instead of each
 * asking the source. A failed read is not kept: the next reader asks again.
 *
 * `invalidate()` forgets the value at once, and also makes a read that was already under way
 * when it was called unable to store what it got (it may have been answered before a write the
 * invalidation is about). Its own waiting readers still get that answer, as they would have
 * without the cache.
 */
export class FreshValue<T> {
  readonly #read: () => Promise<T>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #kept: { value: T; readAt: number } | undefined;
  #reading: Promise<T> | undefined;
  #generation = 0;

  constructor(options: { read: () => Promise<T>; ttlMs: number; now: () => number }) {
    this.#read = options.read;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  /** The kept value while fresh, otherwise a new read (shared with concurrent readers). */
  get(): Promise<T> {
    const kept = this.#kept;
    if (kept !== undefined && this.#now() - kept.readAt < this.#ttlMs) {
      return Promise.resolve(kept.value);
    }
    this.#reading ??= this.#readAndKeep();
    return this.#reading;
  }

  /** Forgets the kept value: the next reader reads the source. */
  invalidate(): void {
    this.#generation += 1;
    this.#kept = undefined;
    this.#reading = undefined;
  }

  async #readAndKeep(): Promise<T> {
    const generation = this.#generation;
    const readAt = this.#now();
    try {
      const value = await this.#read();
      if (generation === this.#generation) {
        this.#kept = { value, readAt };
      }
      return value;
    } finally {
      if (generation === this.#generation) {
        this.#reading = undefined;
      }
    }
  }
}
