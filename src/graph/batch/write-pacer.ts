/** A write budget: this many writes per sliding window (Graph: 3,000 per 150 s per app and tenant). */
export interface WriteBudget {
  writes: number;
  windowMs: number;
}

/** Graph's documented identity write limit for one app in one tenant. */
export const GRAPH_WRITE_BUDGET: WriteBudget = { writes: 3000, windowMs: 150_000 };

/** Graph's writes for one app across all its tenants (GRAPH-FACTS.md: 35,000 per 5 minutes). */
export const GRAPH_APP_WRITE_BUDGET: WriteBudget = { writes: 35_000, windowMs: 300_000 };

export interface WritePacerOptions {
  /** Share of the budget to aim at, leaving room for timing jitter and other writers. */
  safety?: number;
  random?: () => number;
}

/**
 * Spaces writes so that no window of the budget's length holds more than the budget: a steady
 * rate (writes/window × safety) instead of bursting into 429s. The budget is a starting point:
 * a 429 means someone else shares it (or it is smaller), so the pacer re-estimates it from the
 * writes Graph accepted in the last window, then creeps back up while writes go through clean.
 */
export class WritePacer {
  readonly #budget: WriteBudget;
  readonly #safety: number;
  readonly #random: () => number;
  /** Writes per millisecond. */
  #rate: number;
  #nextAt = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #accepted: { at: number; count: number }[] = [];
  #throttleStreak = 0;
  #easedAt = Number.NEGATIVE_INFINITY;
  #firstSentAt: number | undefined;

  constructor(budget: WriteBudget, options?: WritePacerOptions) {
    this.#budget = budget;
    this.#safety = options?.safety ?? 0.98;
    this.#random = options?.random ?? Math.random;
    this.#rate = this.#ceiling();
  }

  /** Writes per second the pacer currently allows. */
  get ratePerSecond(): number {
    return this.#rate * 1000;
  }

  /** Until when Graph asked us to send nothing (Retry-After). */
  get pausedUntil(): number {
    return this.#pausedUntil;
  }

  /** How long to wait before `count` writes may go; 0 means now. */
  delayFor(now: number): number {
    const delay = Math.max(0, this.#pausedUntil - now, this.#nextAt - now);
    // Under a millisecond is now: timers cannot wait less, and float dust must not spin.
    return delay < 1 ? 0 : Math.ceil(delay);
  }

  /** Books `count` writes as sent now (call once `delayFor` says 0). */
  take(count: number, now: number): void {
    this.#firstSentAt ??= now;
    const interval = count / this.#rate;
    // Timers fire late: a send that slipped may start its successor from the slot it was due,
    // not from now, so lateness does not pile up. One interval of slack, never more: no bursts.
    const lateBy = now - this.#nextAt;
    this.#nextAt =
      (lateBy >= 0 && lateBy <= interval ? this.#nextAt : Math.max(now, this.#nextAt)) + interval;
  }

  /** Graph accepted (answered other than 429) `count` writes sent at `sentAt`. */
  accepted(count: number, sentAt: number, now: number): void {
    if (count > 0) {
      this.#accepted.push({ at: sentAt, count });
    }
    this.#prune(now);
  }

  /**
   * Graph said how much of the budget is in use (`x-ms-throttle-limit-percentage`, sent only
   * above 0.8): close to the limit, ease off by a tenth, at most once per twentieth of a window,
   * so the 429 that would follow never comes.
   */
  nearLimit(share: number, now: number): void {
    if (share < 0.9 || now < this.#easedAt + this.#budget.windowMs / 20) {
      return;
    }
    this.#easedAt = now;
    this.#rate = Math.max(this.#ceiling() * 0.05, this.#rate * 0.9);
  }

  /** A batch went through without throttling: grow back toward the budget. */
  clean(): void {
    this.#throttleStreak = 0;
    this.#rate = Math.min(this.#ceiling(), this.#rate + this.#ceiling() * 0.02);
  }

  /**
   * Graph throttled us at `now`. Honour Retry-After (or back off exponentially with jitter
   * without it) and lower the rate to what Graph really let through in the last window.
   */
  throttled(now: number, retryAfterMs: number | undefined): void {
    const alreadyPaused = now < this.#pausedUntil;
    this.#throttleStreak += 1;
    const backoff = Math.min(60_000, 1000 * 2 ** (this.#throttleStreak - 1));
    const wait = retryAfterMs ?? backoff / 2 + (this.#random() * backoff) / 2;
    this.#pausedUntil = Math.max(this.#pausedUntil, now + wait);
    if (alreadyPaused) {
      return; // the other answers of the same burst say nothing new about the budget
    }
    this.#prune(now);
    // What Graph let through per millisecond, once there is enough history to say: early on (or
    // when another writer had drained the budget before us) there is not, so halve-ish instead.
    const span = Math.min(this.#budget.windowMs, now - (this.#firstSentAt ?? now));
    const seen = this.#accepted.reduce((sum, entry) => sum + entry.count, 0);
    const target =
      span >= this.#budget.windowMs / 2
        ? Math.min(this.#rate * 0.85, (seen * this.#safety) / span)
        : this.#rate * 0.7;
    this.#rate = Math.max(this.#ceiling() * 0.1, target);
  }

  #ceiling(): number {
    return (this.#budget.writes * this.#safety) / this.#budget.windowMs;
  }

  #prune(now: number): void {
    const since = now - this.#budget.windowMs;
    this.#accepted = this.#accepted.filter((entry) => entry.at > since);
  }
}
