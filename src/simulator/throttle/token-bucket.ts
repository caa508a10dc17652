/**
 * A token bucket, the algorithm Microsoft names for identity-and-access throttling: it starts
 * full, refills continuously at `capacity / windowMs`, and a request takes its cost at once.
 */
export class TokenBucket {
  #capacity: number;
  #windowMs: number;
  #tokens: number;
  #updatedAt: number;

  constructor(capacity: number, windowMs: number, now: number) {
    this.#capacity = capacity;
    this.#windowMs = windowMs;
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Applies new limits; the tokens already available are kept, up to the new capacity. */
  resize(capacity: number, windowMs: number, now: number): void {
    this.#refill(now);
    this.#capacity = capacity;
    this.#windowMs = windowMs;
    this.#tokens = Math.min(this.#tokens, capacity);
  }

  /**
   * Milliseconds until `cost` tokens are available (0 when they are now). A cost above the
   * capacity waits for a full bucket, so an oversized request is not refused for ever.
   */
  waitMs(cost: number, now: number): number {
    this.#refill(now);
    const needed = Math.min(cost, this.#capacity);
    // A hair of slack, so float drift in the refill never turns "exactly enough" into a wait.
    if (this.#tokens + 1e-9 >= needed) {
      return 0;
    }
    return ((needed - this.#tokens) * this.#windowMs) / this.#capacity;
  }

  /** Share of the capacity in use (0 = full bucket, 1 = empty). */
  usage(now: number): number {
    this.#refill(now);
    return 1 - this.#tokens / this.#capacity;
  }

  take(cost: number, now: number): void {
    this.#refill(now);
    this.#tokens -= Math.min(cost, this.#tokens);
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(
      this.#capacity,
      this.#tokens + (elapsed * this.#capacity) / this.#windowMs,
    );
    this.#updatedAt = Math.max(this.#updatedAt, now);
  }
}
