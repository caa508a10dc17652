/** One dependency a probe looks at, e.g. Graph or Cosmos. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(signal: AbortSignal): Promise<unknown>;
}

export type CheckOutcome = 'ok' | 'unreachable' | 'timeout';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckOutcome>;
}

/** What readiness needs of a logger (pino-compatible). */
export interface ReadinessLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/** One dependency's last known state, as `/healthz` reports it. */
export interface DependencyState {
  status: CheckOutcome | 'unknown';
  /** ISO time of the look that found it; absent before the first look ended. */
  checkedAt?: string;
}

/** Runs a check bounded by `timeoutMs`: one hung dependency cannot hang a probe. */
async function runCheck(
  check: ReadinessCheck,
  timeoutMs: number,
  logger: ReadinessLogger,
): Promise<CheckOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<'timeout'>((resolve) => {
    signal.addEventListener('abort', () => resolve('timeout'), { once: true });
  });
  try {
    return await Promise.race([check.check(signal).then(() => 'ok' as const), timedOut]);
  } catch (error) {
    logger.warn({ dependency: check.name, err: error }, 'dependency check failed');
    return 'unreachable';
  }
}

export interface CachedCheckOptions {
  /** A look younger than this is answered from memory. */
  maxAgeMs: number;
  timeoutMs: number;
  logger: ReadinessLogger;
  now?: () => number;
}

/**
 * A dependency looked at no more often than `maxAgeMs`, however often probes come: a probe every
 * second on every replica must not become a request per second to Graph or Cosmos. Looks that
 * overlap share one call. A change of state is logged once, not on every probe.
 */
export class CachedCheck {
  readonly name: string;
  readonly #check: ReadinessCheck;
  readonly #options: CachedCheckOptions;
  readonly #now: () => number;
  #state: DependencyState = { status: 'unknown' };
  #checkedAtMs = Number.NEGATIVE_INFINITY;
  #looking: Promise<CheckOutcome> | undefined;

  constructor(check: ReadinessCheck, options: CachedCheckOptions) {
    this.name = check.name;
    this.#check = check;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The last known state, without waiting; a stale one sets a look going for the next probe. */
  peek(): DependencyState {
    if (this.#stale()) {
      void this.outcome();
    }
    return this.#state;
  }

  /** The state, looked at anew when the last look is older than `maxAgeMs`. */
  async outcome(): Promise<CheckOutcome> {
    if (!this.#stale() && this.#state.status !== 'unknown') {
      return this.#state.status;
    }
    this.#looking ??= this.#look().finally(() => {
      this.#looking = undefined;
    });
    return this.#looking;
  }

  #stale(): boolean {
    return this.#now() - this.#checkedAtMs >= this.#options.maxAgeMs;
  }

  async #look(): Promise<CheckOutcome> {
    const { timeoutMs, logger } = this.#options;
    const outcome = await runCheck(this.#check, timeoutMs, logger);
    const before = this.#state.status;
    this.#checkedAtMs = this.#now();
    this.#state = { status: outcome, checkedAt: new Date(this.#checkedAtMs).toISOString() };
    if (outcome !== before && !(before === 'unknown' && outcome === 'ok')) {
      const fields = { dependency: this.name, status: outcome, before };
      if (outcome === 'ok') {
        logger.info(fields, 'dependency answers again');
      } else {
        logger.warn(fields, 'dependency does not answer');
      }
    }
    return outcome;
  }
}

/** Every check at once; ready when all are `ok`. The report names which failed, not why. */
export async function checkReadiness(checks: readonly CachedCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check) => [check.name, await check.outcome()] as const),
  );
  return {
    ready: results.every(([, outcome]) => outcome === 'ok'),
    checks: Object.fromEntries(results),
  };
}
