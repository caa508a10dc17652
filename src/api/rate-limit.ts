import { ApiProblem } from './problem.ts';

const WINDOW_MS = 60_000;

/** A caller's requests a minute unless `API_RATE_LIMIT_PER_MINUTE` says otherwise. */
export const DEFAULT_RATE_PER_MINUTE = 120;

/**
 * A fixed one-minute window of requests per caller, in this process (each instance counts its
 * own). Past the limit a request is a 429 with `Retry-After`: the seconds to the next window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  private readonly perMinute: number;
  private readonly now: () => number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.perMinute = perMinute;
    this.now = now;
  }

  /** Counts one request of `callerKey`, or throws the 429 when it is one too many. */
  take(callerKey: string): void {
    const now = this.now();
    if (this.windows.size > 10_000) {
      // Forget the windows that ended: a flood of callers does not grow the map for ever.
      for (const [key, window] of this.windows) {
        if (now - window.start >= WINDOW_MS) {
          this.windows.delete(key);
        }
      }
    }
    const current = this.windows.get(callerKey);
    if (current === undefined || now - current.start >= WINDOW_MS) {
      this.windows.set(callerKey, { start: now, count: 1 });
      return;
    }
    if (current.count >= this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((current.start + WINDOW_MS - now) / 1000));
      throw new ApiProblem(
        429,
        'RATE_LIMITED',
        'Too many requests',
        `At most ${this.perMinute} requests a minute per caller. Try again in ${retryAfter} s.`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
    current.count += 1;
  }
}
