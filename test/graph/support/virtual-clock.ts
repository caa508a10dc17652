import type { Clock } from '../../../src/app/ports/clock.ts';

interface Timer {
  at: number;
  resolve: () => void;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A clock whose time moves only when every task is waiting on it: sleeps cost no real time, and
 * what happens at each virtual millisecond is deterministic.
 */
export class VirtualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  get ms(): number {
    return this.#now;
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const timer: Timer = { at: this.#now + Math.max(0, ms), resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Runs `work`, advancing virtual time whenever nothing else can move. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    while (!settled) {
      await turn();
      await turn();
      if (settled) {
        break;
      }
      const next = this.#timers.reduce<Timer | undefined>(
        (soonest, t) => (soonest === undefined || t.at < soonest.at ? t : soonest),
        undefined,
      );
      if (next === undefined) {
        continue; // real I/O may still be pending
      }
      this.#now = next.at;
      const due = this.#timers.filter((t) => t.at <= this.#now);
      this.#timers = this.#timers.filter((t) => t.at > this.#now);
      for (const t of due) {
        t.resolve();
      }
    }
    return watched;
  }
}
