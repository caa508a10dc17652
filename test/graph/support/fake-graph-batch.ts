import type {
  BatchAnswer,
  BatchItemResponse,
  BatchStep,
} from '../../../src/graph/batch/batch-transport.ts';
import type { VirtualClock } from './virtual-clock.ts';

export interface FakeGraphOptions {
  /** Sliding-window write budget, as Graph's identity limits. */
  budget: { writes: number; windowMs: number };
  latencyMs: number;
  /** Decides a business answer per step (default 200); called once per admitted step. */
  answer?: (step: BatchStep, attempt: number) => BatchItemResponse;
  /** Send `x-ms-throttle-limit-percentage` above 0.8 of the budget, as Graph does. */
  warnNearLimit?: boolean;
  /** Per batch: fail the whole batch before anything runs. */
  batchFault?: (batchNumber: number) => 'none' | '503' | 'drop' | 'outer429';
}

/**
 * A stand-in for Graph's `$batch` on virtual time, for the writer's pure logic: each inner request
 * is admitted against a sliding-window write budget (429 with Retry-After when over), then
 * answered after the latency.
 */
export class FakeGraphBatch {
  readonly #clock: VirtualClock;
  readonly #options: FakeGraphOptions;
  #admitted: number[] = [];
  readonly attemptsByUrl = new Map<string, number>();
  readonly batchSizes: number[] = [];
  throttled = 0;
  maxInWindow = 0;

  constructor(clock: VirtualClock, options: FakeGraphOptions) {
    this.#clock = clock;
    this.#options = options;
  }

  readonly transport = async (steps: readonly BatchStep[]): Promise<BatchAnswer> => {
    this.batchSizes.push(steps.length);
    const fault = this.#options.batchFault?.(this.batchSizes.length) ?? 'none';
    if (fault === 'outer429') {
      this.throttled += 1;
      return {
        kind: 'rejected',
        status: 429,
        headers: new Headers({ 'Retry-After': '3' }),
        body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
      };
    }
    if (fault === '503') {
      await this.#clock.sleep(this.#options.latencyMs);
      return {
        kind: 'rejected',
        status: 503,
        headers: new Headers(),
        body: { error: { code: 'serviceNotAvailable', message: 'Service unavailable' } },
      };
    }
    const responses = new Map<string, BatchItemResponse>();
    for (const step of steps) {
      responses.set(step.id, this.#admit(step));
    }
    await this.#clock.sleep(this.#options.latencyMs);
    if (fault === 'drop') {
      return { kind: 'noResponse', timedOut: false };
    }
    return { kind: 'answered', responses, requestId: `batch-${this.batchSizes.length}` };
  };

  #admit(step: BatchStep): BatchItemResponse {
    const now = this.#clock.ms;
    const { writes, windowMs } = this.#options.budget;
    this.#admitted = this.#admitted.filter((at) => at > now - windowMs);
    if (this.#admitted.length >= writes) {
      this.throttled += 1;
      const oldest = this.#admitted[0] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      return {
        status: 429,
        headers: { 'Retry-After': String(retryAfter) },
        body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
      };
    }
    this.#admitted.push(now);
    this.maxInWindow = Math.max(this.maxInWindow, this.#admitted.length);
    const attempt = (this.attemptsByUrl.get(step.url) ?? 0) + 1;
    this.attemptsByUrl.set(step.url, attempt);
    const answer = this.#options.answer?.(step, attempt) ?? { status: 200, headers: {}, body: {} };
    const usage = this.#admitted.length / writes;
    // Graph's early warning, sent only above 0.8 of the budget.
    return this.#options.warnNearLimit === true && usage > 0.8
      ? {
          ...answer,
          headers: { ...answer.headers, 'x-ms-throttle-limit-percentage': usage.toFixed(2) },
        }
      : answer;
  }
}
