/**
 * How many batches may be in flight: grows by one after each clean batch, halves on throttling
 * or failures (AIMD), so slow tenants are not flooded and fast ones are kept busy.
 */
export class AdaptiveConcurrency {
  readonly #min: number;
  readonly #max: number;
  #limit: number;

  constructor(options?: { initial?: number; min?: number; max?: number }) {
    this.#min = options?.min ?? 1;
    this.#max = options?.max ?? 32;
    this.#limit = Math.min(this.#max, Math.max(this.#min, options?.initial ?? 4));
  }

  get limit(): number {
    return this.#limit;
  }

  clean(): void {
    this.#limit = Math.min(this.#max, this.#limit + 1);
  }

  backOff(): void {
    this.#limit = Math.max(this.#min, Math.floor(this.#limit / 2));
  }
}
