interface Job {
  done: Promise<void>;
  finish: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Background group processing: each queued group goes QueuedForProcessing → ProcessingInProgress →
 * processed, one delay apart, like Entra's licensing engine (which answers 202 and works later).
 * A group queued again while waiting is processed once, with the data as it is by then.
 */
export class ProcessingQueue {
  readonly #delayMs: number;
  readonly #jobs = new Map<string, Job>();

  constructor(delayMs: number) {
    this.#delayMs = delayMs;
  }

  /** Queues `key`: `started` runs after one delay, `run` after another. */
  enqueue(key: string, started: () => void, run: () => void): void {
    if (this.#jobs.has(key)) {
      return;
    }
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const job: Job = { done, finish, timer: undefined };
    this.#jobs.set(key, job);
    job.timer = setTimeout(() => {
      started();
      job.timer = setTimeout(() => {
        this.#jobs.delete(key);
        try {
          run();
        } finally {
          finish();
        }
      }, this.#delayMs);
    }, this.#delayMs);
  }

  isQueued(key: string): boolean {
    return this.#jobs.has(key);
  }

  /** Resolves when nothing is queued, including work queued while waiting. */
  async settle(): Promise<void> {
    while (this.#jobs.size > 0) {
      await Promise.all([...this.#jobs.values()].map((job) => job.done));
    }
  }

  /** Drops every queued job (their work never runs) and releases anyone waiting in `settle`. */
  dispose(): void {
    for (const job of this.#jobs.values()) {
      clearTimeout(job.timer);
      job.finish();
    }
    this.#jobs.clear();
  }
}
