/**
 * The runs this process has going (click-runs started after an answer, and the resume job's),
 * and the stop signal they check between items: on shutdown the process signals stop, then waits
 * a bounded time for each run to reach the end of its current item and give its lease back. A
 * run stopped midway stays `running` with a free lease, so the next start (or another instance)
 * resumes it.
 */
export class RunsInFlight {
  readonly #stop = new AbortController();
  readonly #runs = new Set<Promise<unknown>>();

  /** Aborted once the process is shutting down: no new run starts, a run stops after its item. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** How many runs are going now. */
  get size(): number {
    return this.#runs.size;
  }

  /** Keeps `run` in the set until it settles; hands it back as it is. */
  track<T>(run: Promise<T>): Promise<T> {
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#runs.add(settled);
    void settled.then(() => this.#runs.delete(settled));
    return run;
  }

  /** Signals stop (once; later calls only wait again). */
  stop(): void {
    this.#stop.abort();
  }

  /**
   * Waits for the runs going now, at most `timeoutMs`; true when all ended in time (a run still
   * going after that keeps its lease until it expires, then another instance takes it over).
   */
  async ended(timeoutMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([Promise.all(this.#runs).then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
