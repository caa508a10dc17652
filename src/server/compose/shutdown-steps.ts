import type { Logger } from '../../app/ports/logger.ts';

/**
 * What starting opened, closed again in reverse order: on close, or when a later step of
 * starting fails. A failed step is logged and the others still run.
 */
export class ShutdownSteps {
  readonly #steps: (() => Promise<void>)[] = [];
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  push(step: () => Promise<void>): void {
    this.#steps.push(step);
  }

  readonly closeAll = async (): Promise<void> => {
    // splice: a second close finds nothing left to do.
    for (const step of this.#steps.splice(0).reverse()) {
      await step().catch((error: unknown) =>
        this.#logger.error({ err: error }, 'shutdown step failed'),
      );
    }
  };
}

/** Whether `work` settled within `timeoutMs` (it goes on either way; its failure is its own). */
export async function settledWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or a rejection once `seconds` have passed (the timer never outlives the answer). */
export function withinSeconds<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
