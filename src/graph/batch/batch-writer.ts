import type { Clock } from '../../app/ports/clock.ts';
import type { LicenseWrite, LicenseWriteOutcome } from '../../app/ports/license-writer.ts';
import type { LicensingFailure } from '../../domain/errors.ts';
import { writeRequestFor, type WriteRequest } from '../license-write-request.ts';
import { AdaptiveConcurrency } from './adaptive-concurrency.ts';
import type { BatchAnswer, BatchTransport } from './batch-transport.ts';
import { judgeBatch } from './batch-verdict.ts';
import { OutcomeChannel } from './outcome-channel.ts';
import { GRAPH_WRITE_BUDGET, WritePacer, type WriteBudget } from './write-pacer.ts';

/** Knobs of a bulk run; the defaults follow Graph's documented limits. */
export interface BatchWriterOptions {
  transport: BatchTransport;
  clock: Clock;
  random?: () => number;
  /** The write budget to pace by (default Graph's 3,000 writes per 150 s). */
  budget?: WriteBudget;
  /**
   * A pacer shared with other runs (the tenant's, so that runs side by side share its budget);
   * without it this run paces alone by `budget`.
   */
  pacer?: WritePacer;
  /**
   * The application's pacer, shared by every tenant's runs: Graph also bounds one app's writes
   * across all its tenants, so tenants running side by side each keep their own pace within it.
   */
  appPacer?: WritePacer;
  /** Share of the budget to aim at (default 0.98). */
  safety?: number;
  /** Requests per `$batch` (Graph allows at most 20). */
  batchSize?: number;
  initialConcurrency?: number;
  maxConcurrency?: number;
  /** Sends of one write that got a 5xx or no answer before giving up (default 8: a bulk run
   * rides out a few minutes of trouble before a user fails). */
  maxAttempts?: number;
  /** 429s one write may receive before giving up (default 30). */
  maxThrottledAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Outcomes waiting for a slow consumer before new writes stop being read (default 2,000). */
  maxBufferedOutcomes?: number;
}

interface Pending {
  write: LicenseWrite;
  request: WriteRequest;
  attempts: number;
  transientFailures: number;
  throttles: number;
  notBefore: number;
}

/**
 * One bulk run: reads writes lazily, sends them in `$batch`es of up to 20 with several in flight,
 * paced under the write budget, and streams one outcome per write as it settles. Inner and outer
 * 429s are re-batched after Retry-After; 5xx and lost connections are retried a bounded number of
 * times with jittered backoff; a 4xx business error is final at once.
 *
 * When `signal` aborts, nothing new is sent; batches already sent are awaited so their outcomes
 * are known, then the stream ends by throwing the signal's reason. Writes that were never sent
 * get no outcome: a resumed run sends them.
 */
export function runBatchWrites(
  writes: AsyncIterable<LicenseWrite> | Iterable<LicenseWrite>,
  options: BatchWriterOptions,
  signal?: AbortSignal,
): AsyncIterable<LicenseWriteOutcome> {
  return {
    [Symbol.asyncIterator]: () => new BulkRun(writes, options, signal).outcomes(),
  };
}

class BulkRun {
  readonly #options: BatchWriterOptions;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #input: AsyncIterator<LicenseWrite> | Iterator<LicenseWrite>;
  readonly #pacer: WritePacer;
  readonly #concurrency: AdaptiveConcurrency;
  readonly #channel: OutcomeChannel<LicenseWriteOutcome>;
  readonly #stop = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #wakers = new Set<() => void>();
  #retries: Pending[] = [];
  #inputDone = false;

  constructor(
    writes: AsyncIterable<LicenseWrite> | Iterable<LicenseWrite>,
    options: BatchWriterOptions,
    signal: AbortSignal | undefined,
  ) {
    this.#options = options;
    this.#clock = options.clock;
    this.#random = options.random ?? Math.random;
    this.#input =
      Symbol.asyncIterator in writes ? writes[Symbol.asyncIterator]() : writes[Symbol.iterator]();
    this.#pacer =
      options.pacer ??
      new WritePacer(options.budget ?? GRAPH_WRITE_BUDGET, {
        safety: options.safety ?? 0.98,
        random: this.#random,
      });
    this.#concurrency = new AdaptiveConcurrency({
      initial: options.initialConcurrency ?? 4,
      max: options.maxConcurrency ?? 32,
    });
    this.#channel = new OutcomeChannel(() => this.#wake());
    if (signal !== undefined) {
      const stop = (): void => this.#stop.abort(signal.reason);
      if (signal.aborted) {
        stop();
      } else {
        signal.addEventListener('abort', stop, { once: true });
      }
    }
    this.#stop.signal.addEventListener('abort', () => this.#wake(), { once: true });
  }

  async *outcomes(): AsyncGenerator<LicenseWriteOutcome> {
    const dispatching = this.#dispatch().then(
      () =>
        this.#channel.close(
          this.#stop.signal.aborted ? { reason: this.#stop.signal.reason } : undefined,
        ),
      (error: unknown) => this.#channel.close({ reason: error }),
    );
    try {
      yield* this.#channel.read();
    } finally {
      // The consumer stopped early (break) or the run ended: stop sending either way.
      if (!this.#stop.signal.aborted) {
        this.#stop.abort(new Error('The bulk run was stopped by its reader'));
      }
      await dispatching;
    }
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  /** How long until the tenant's budget and the app's both allow the next batch. */
  #delayFor(now: number): number {
    return Math.max(this.#pacer.delayFor(now), this.#options.appPacer?.delayFor(now) ?? 0);
  }

  async #dispatch(): Promise<void> {
    const batchSize = Math.min(20, Math.max(1, this.#options.batchSize ?? 20));
    const maxBuffered = this.#options.maxBufferedOutcomes ?? 2000;
    while (!this.#stop.signal.aborted) {
      if (this.#inFlight.size >= this.#concurrency.limit || this.#channel.size >= maxBuffered) {
        await this.#waitForEvent();
        continue;
      }
      const batch = await this.#takeBatch(batchSize);
      if (batch.length === 0) {
        if (this.#inputDone && this.#retries.length === 0 && this.#inFlight.size === 0) {
          return;
        }
        const nextRetry = this.#retries.reduce((min, p) => Math.min(min, p.notBefore), Infinity);
        await this.#waitForEvent(Number.isFinite(nextRetry) ? nextRetry - this.#now() : undefined);
        continue;
      }
      for (
        let delay = this.#delayFor(this.#now());
        delay > 0;
        delay = this.#delayFor(this.#now())
      ) {
        await this.#sleep(delay);
        if (this.#stop.signal.aborted) {
          return this.#drain();
        }
      }
      this.#pacer.take(batch.length, this.#now());
      this.#options.appPacer?.take(batch.length, this.#now());
      const sending = this.#send(batch).finally(() => {
        this.#inFlight.delete(sending);
        this.#wake();
      });
      this.#inFlight.add(sending);
    }
    return this.#drain();
  }

  async #drain(): Promise<void> {
    while (this.#inFlight.size > 0) {
      await Promise.allSettled([...this.#inFlight]);
    }
  }

  async #takeBatch(size: number): Promise<Pending[]> {
    const now = this.#now();
    const ready = this.#retries.filter((p) => p.notBefore <= now).slice(0, size);
    const taken = new Set(ready);
    this.#retries = this.#retries.filter((p) => !taken.has(p));
    const batch = [...ready];
    while (batch.length < size && !this.#inputDone) {
      const next = await this.#input.next();
      if (next.done === true) {
        this.#inputDone = true;
        break;
      }
      const write = next.value;
      batch.push({
        write,
        request: writeRequestFor(write),
        attempts: 0,
        transientFailures: 0,
        throttles: 0,
        notBefore: 0,
      });
    }
    return batch;
  }

  async #send(batch: Pending[]): Promise<void> {
    const steps = batch.map((pending, index) => ({
      id: String(index + 1),
      method: pending.request.method,
      url: pending.request.path,
      body: pending.request.body,
      headers: { 'Content-Type': 'application/json' },
    }));
    const sentAt = this.#now();
    for (const pending of batch) {
      pending.attempts += 1;
    }
    let answer: BatchAnswer;
    try {
      answer = await this.#options.transport(steps);
    } catch {
      answer = { kind: 'noResponse', timedOut: false };
    }
    this.#settle(batch, answer, sentAt);
  }

  #settle(batch: Pending[], answer: BatchAnswer, sentAt: number): void {
    const now = this.#now();
    const verdict = judgeBatch(batch, answer, now);
    this.#pacer.accepted(verdict.accepted, sentAt, now);
    this.#pacer.nearLimit(verdict.limitShare, now);
    const throttled = verdict.items.filter((v) => v.kind === 'throttled');
    if (throttled.length > 0) {
      const retryAfter = verdict.retryAfterSeconds;
      this.#pacer.throttled(now, retryAfter === undefined ? undefined : retryAfter * 1000);
      this.#concurrency.backOff();
    } else if (verdict.items.some((v) => v.kind === 'transient')) {
      this.#concurrency.backOff();
    } else {
      this.#concurrency.clean();
      if (verdict.limitShare < 0.9) {
        this.#pacer.clean();
      }
    }
    const throttleLimit = this.#options.maxThrottledAttempts ?? 30;
    for (const v of verdict.items) {
      const pending = v.item;
      switch (v.kind) {
        case 'done':
          this.#channel.push({
            key: pending.write.key,
            ok: true,
            attempts: pending.attempts,
            ...(v.requestId === undefined ? {} : { requestId: v.requestId }),
          });
          break;
        case 'failed':
          this.#finish(pending, v.failure);
          break;
        case 'transient':
          this.#retryLater(pending, v.failure, now);
          break;
        case 'throttled':
          pending.throttles += 1;
          if (pending.throttles >= throttleLimit) {
            this.#finish(pending, v.failure);
          } else {
            // The pacer holds every send until Retry-After has passed; no per-item wait needed.
            pending.notBefore = now;
            this.#retries.push(pending);
          }
          break;
      }
    }
  }

  #retryLater(pending: Pending, failure: LicensingFailure, now: number): void {
    pending.transientFailures += 1;
    if (pending.transientFailures >= (this.#options.maxAttempts ?? 8)) {
      this.#finish(pending, failure);
      return;
    }
    const base = this.#options.backoffBaseMs ?? 1000;
    const cap = this.#options.backoffMaxMs ?? 60_000;
    const ceiling = Math.min(cap, base * 2 ** (pending.transientFailures - 1));
    const retryAfter = (failure.retryAfterSeconds ?? 0) * 1000;
    pending.notBefore = now + Math.max(retryAfter, ceiling / 2 + (this.#random() * ceiling) / 2);
    this.#retries.push(pending);
  }

  #finish(pending: Pending, failure: LicensingFailure): void {
    this.#channel.push({ key: pending.write.key, ok: false, failure, attempts: pending.attempts });
  }

  #wake(): void {
    const wakers = [...this.#wakers];
    this.#wakers.clear();
    for (const wake of wakers) {
      wake();
    }
  }

  /** Waits until a batch settles, the consumer drains, the run stops, or `timeoutMs` passes. */
  #waitForEvent(timeoutMs?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = new AbortController();
      const done = (): void => {
        timer.abort();
        this.#wakers.delete(done);
        resolve();
      };
      this.#wakers.add(done);
      if (timeoutMs !== undefined) {
        this.#clock.sleep(Math.max(0, timeoutMs), timer.signal).then(done, done);
      }
    });
  }

  async #sleep(ms: number): Promise<void> {
    try {
      await this.#clock.sleep(ms, this.#stop.signal);
    } catch {
      // An aborted sleep: the dispatcher checks the signal next.
    }
  }
}
