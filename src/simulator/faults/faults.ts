import { defaultFaultOptions, mergeFaultOptions, type FaultOptions } from './options.ts';
import { mulberry32 } from './prng.ts';

export { defaultFaultOptions, faultOptionsPatchSchema, type FaultOptions } from './options.ts';

export type FaultKind = 'none' | '503' | '504' | 'drop';

export interface FaultDecision {
  /** How long to hold the request before answering (or failing) it. */
  delayMs: number;
  fault: FaultKind;
  /**
   * For a 504 or a drop on a write: process the request first, then fail it, so the change is
   * made although the client sees a failure. Always false otherwise.
   */
  afterProcessing: boolean;
}

export interface FaultCounters {
  requests: number;
  injected: { '503': number; '504': number; drop: number };
  /** Of the injected 504s and drops, those that struck after the write took effect. */
  afterProcessing: number;
  totalDelayMs: number;
}

/**
 * Decides, for each request, a latency and whether it fails (503, 504, dropped connection).
 * Reproducible: the same seed and the same sequence of requests give the same decisions. Every
 * decision draws the same count of random numbers, so changing a rate does not shift the
 * latencies of later requests.
 */
export class FaultInjector {
  #options: FaultOptions;
  #random: () => number;
  #counters: FaultCounters = emptyCounters();

  constructor(options: Partial<FaultOptions> = {}) {
    this.#options = mergeFaultOptions(defaultFaultOptions, options);
    this.#random = mulberry32(this.#options.seed);
  }

  next(request: { method: string; path: string }): FaultDecision {
    const o = this.#options;
    const [faultDraw, u1, u2, jitterDraw, afterDraw] = [
      this.#random(),
      this.#random(),
      this.#random(),
      this.#random(),
      this.#random(),
    ];
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(request.method.toUpperCase());
    const median = isWrite ? o.writeLatencyMs : o.readLatencyMs;
    // Box–Muller: a standard normal from two uniforms (1 − u keeps the log away from 0).
    const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    const drawn = median * Math.exp(o.latencySpread * z) + jitterDraw * o.jitterMs;
    const delayMs = Math.round(Math.min(drawn, o.maxLatencyMs));
    const fault = pickFault(faultDraw, o);
    const afterProcessing =
      isWrite && (fault === '504' || fault === 'drop') && afterDraw < o.failAfterWriteRate;
    this.#counters.requests += 1;
    this.#counters.totalDelayMs += delayMs;
    if (fault !== 'none') {
      this.#counters.injected[fault] += 1;
    }
    if (afterProcessing) {
      this.#counters.afterProcessing += 1;
    }
    return { delayMs, fault, afterProcessing };
  }

  /**
   * Whether the connection of a whole `$batch` drops (`dropRate` once per HTTP request, as a
   * network drop strikes a connection, not each request inside it), and whether its writes took
   * effect first (`failAfterWriteRate`).
   */
  nextConnection(): { drop: boolean; afterProcessing: boolean } {
    const [dropDraw, afterDraw] = [this.#random(), this.#random()];
    const drop = dropDraw < this.#options.dropRate;
    const afterProcessing = drop && afterDraw < this.#options.failAfterWriteRate;
    if (drop) {
      this.#counters.injected.drop += 1;
    }
    if (afterProcessing) {
      this.#counters.afterProcessing += 1;
    }
    return { drop, afterProcessing };
  }

  /** Changes options at run time; a new `seed` restarts the random sequence. */
  configure(options: Partial<FaultOptions>): void {
    const next = mergeFaultOptions(this.#options, options);
    const reseed = next.seed !== this.#options.seed;
    this.#options = next;
    if (reseed) {
      this.#random = mulberry32(next.seed);
    }
  }

  options(): FaultOptions {
    return { ...this.#options };
  }

  counters(): FaultCounters {
    return { ...this.#counters, injected: { ...this.#counters.injected } };
  }

  resetCounters(): void {
    this.#counters = emptyCounters();
  }

  /** Restarts the random sequence from the seed and zeroes the counters (options are kept). */
  reset(): void {
    this.#random = mulberry32(this.#options.seed);
    this.resetCounters();
  }
}

function pickFault(draw: number, o: FaultOptions): FaultKind {
  if (draw < o.rate503) {
    return '503';
  }
  if (draw < o.rate503 + o.rate504) {
    return '504';
  }
  return draw < o.rate503 + o.rate504 + o.dropRate ? 'drop' : 'none';
}

function emptyCounters(): FaultCounters {
  return {
    requests: 0,
    injected: { '503': 0, '504': 0, drop: 0 },
    afterProcessing: 0,
    totalDelayMs: 0,
  };
}
