import type { Clock } from '../ports/clock.ts';
import type { Lease, LeaseStore } from '../ports/lease-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { Versioned } from '../ports/stores.ts';

/**
 * A lease held while some work goes on (each operation run holds its own): renewed on a timer, a
 * third of its duration apart (so neither one slow Graph call nor a long run lets it lapse, and
 * a run of thousands of users costs no lease write per user), checked between steps (`held`),
 * released at the end. Renewals run
 * one at a time, each on the ETag the previous one returned; once a renewal finds the lease
 * taken over, it stays `lost` and the holder must stop.
 */
export class HeldLease {
  readonly #store: LeaseStore;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #durationMs: number;
  readonly #timer: ReturnType<typeof setInterval>;
  #lease: Versioned<Lease>;
  #lost = false;
  #renewedAt: number;
  #queue: Promise<boolean> = Promise.resolve(true);

  constructor(
    lease: Versioned<Lease>,
    deps: { leases: LeaseStore; clock: Clock; logger: Logger },
    durationMs: number,
  ) {
    this.#lease = lease;
    this.#store = deps.leases;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#durationMs = durationMs;
    this.#renewedAt = deps.clock.now().getTime();
    // A third of the duration: two renewals may fail before the lease lapses.
    this.#timer = setInterval(() => void this.renew(), Math.max(1, durationMs / 3));
    this.#timer.unref();
  }

  /**
   * Whether the lease is still ours, checked between steps of the work: no write unless a third
   * of its duration has passed since the last renewal by the clock and the timer has not renewed
   * it yet (a blocked event loop, or a clock that is not the timer's), then it is renewed first.
   */
  async held(): Promise<boolean> {
    if (this.#lost) {
      return false;
    }
    if (this.#clock.now().getTime() - this.#renewedAt < this.#durationMs / 3) {
      return true;
    }
    return this.renew();
  }

  /**
   * Extends the lease; false once it was taken over, or when it could not be extended and has
   * expired (another instance may take it), so the work must stop.
   */
  renew(): Promise<boolean> {
    this.#queue = this.#queue.then(async () => {
      if (this.#lost) {
        return false;
      }
      try {
        const renewed = await this.#store.renew(this.#lease, this.#clock.now(), this.#durationMs);
        if (renewed === null) {
          this.#lost = true;
          this.#logger.warn({ lease: this.#lease.value.id }, 'lease taken over: stopping');
          return false;
        }
        this.#lease = renewed;
        this.#renewedAt = this.#clock.now().getTime();
      } catch (error) {
        // Still ours until it expires; the next renewal tries again. Past its expiry another
        // instance may take it at any moment, so the work stops.
        this.#logger.warn({ err: error, lease: this.#lease.value.id }, 'could not renew a lease');
        return this.#clock.now().getTime() < Date.parse(this.#lease.value.expiresAt);
      }
      return true;
    });
    return this.#queue;
  }

  /** Stops renewing and gives the lease back (when still ours); never throws. */
  async release(): Promise<void> {
    clearInterval(this.#timer);
    await this.#queue;
    if (this.#lost) {
      return;
    }
    try {
      await this.#store.release(this.#lease);
    } catch (error) {
      this.#logger.warn({ err: error, lease: this.#lease.value.id }, 'could not release a lease');
    }
  }
}
