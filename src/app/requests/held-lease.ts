import type { Clock } from '../ports/clock.ts';
import type { Lease, LeaseStore } from '../ports/lease-store.ts';
import type { Logger } from '../ports/logger.ts';
import type { Versioned } from '../ports/stores.ts';

/**
 * A lease held while some work goes on (each operation run holds its own): renewed on demand
 * (before each item) and on a timer (so one slow Graph call does not let it lapse), released at
 * the end. Renewals run one at a time, each on the ETag the previous one returned; once a renewal
 * finds the lease taken over, it stays lost and the holder must stop.
 */
export class HeldLease {
  readonly #store: LeaseStore;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #durationMs: number;
  readonly #timer: ReturnType<typeof setInterval>;
  #lease: Versioned<Lease>;
  #lost = false;
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
    // A third of the duration: two renewals may fail before the lease lapses.
    this.#timer = setInterval(() => void this.renew(), Math.max(1, durationMs / 3));
    this.#timer.unref();
  }

  /** Extends the lease; false once it was taken over, so the work must stop. */
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
      } catch (error) {
        // Still ours until it expires; the next renewal tries again.
        this.#logger.warn({ err: error, lease: this.#lease.value.id }, 'could not renew a lease');
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
