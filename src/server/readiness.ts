/** One dependency `/readyz` checks, e.g. Graph or Cosmos. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(signal: AbortSignal): Promise<unknown>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'unreachable' | 'timeout'>;
}

/** What readiness needs of a logger (pino-compatible). */
export interface ReadinessLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Runs every check at once, each bounded by `timeoutMs`, so one hung dependency cannot hang the
 * probe. The report says which dependency failed but not why: the why goes to the log.
 */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  logger: ReadinessLogger,
  timeoutMs = 3_000,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check) => {
      const signal = AbortSignal.timeout(timeoutMs);
      const timedOut = new Promise<'timeout'>((resolve) => {
        signal.addEventListener('abort', () => resolve('timeout'), { once: true });
      });
      try {
        const outcome = await Promise.race([
          check.check(signal).then(() => 'ok' as const),
          timedOut,
        ]);
        if (outcome === 'timeout') {
          logger.warn({ dependency: check.name, timeoutMs }, 'readiness check timed out');
        }
        return [check.name, outcome] as const;
      } catch (error) {
        logger.warn({ dependency: check.name, err: error }, 'readiness check failed');
        return [check.name, 'unreachable' as const] as const;
      }
    }),
  );
  const report = Object.fromEntries(results);
  return { ready: results.every(([, outcome]) => outcome === 'ok'), checks: report };
}
