/**
 * Runs tasks with at most `limit` at once, in the order given. A task that fails is reported to
 * `onError` and counted; the others go on (each task records one user, and one user's trouble
 * must not stop the rest).
 */
export class TaskPool {
  readonly #limit: number;
  readonly #onError: (error: unknown) => void;
  readonly #waiting: (() => Promise<void>)[] = [];
  readonly #settledWaiters = new Set<() => void>();
  #running = 0;
  #failures = 0;
  #firstError: unknown;

  constructor(limit: number, onError: (error: unknown) => void) {
    this.#limit = limit;
    this.#onError = onError;
  }

  /** How many tasks failed so far. */
  get failures(): number {
    return this.#failures;
  }

  /** Rejects with the first task's error if any task failed, once all have ended. */
  async done(): Promise<void> {
    await this.idle();
    if (this.#failures > 0) {
      throw this.#firstError;
    }
  }

  run(task: () => Promise<void>): void {
    this.#waiting.push(task);
    this.#next();
  }

  /** Resolves once fewer than `limit` tasks wait: the producer's backpressure. */
  async room(): Promise<void> {
    while (this.#waiting.length >= this.#limit) {
      await this.#settled();
    }
  }

  /** Resolves once every task given so far has ended. */
  async idle(): Promise<void> {
    while (this.#running > 0 || this.#waiting.length > 0) {
      await this.#settled();
    }
  }

  #settled(): Promise<void> {
    return new Promise((resolve) => this.#settledWaiters.add(resolve));
  }

  #next(): void {
    while (this.#running < this.#limit && this.#waiting.length > 0) {
      const task = this.#waiting.shift()!;
      this.#running += 1;
      void task()
        .catch((error: unknown) => {
          if (this.#failures === 0) {
            this.#firstError = error;
          }
          this.#failures += 1;
          this.#onError(error);
        })
        .finally(() => {
          this.#running -= 1;
          this.#next();
          const waiters = [...this.#settledWaiters];
          this.#settledWaiters.clear();
          for (const wake of waiters) {
            wake();
          }
        });
    }
  }
}
