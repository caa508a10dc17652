/**
 * A queue between the batch writer's dispatcher and its consumer: outcomes are pushed as items
 * settle and read in that order; the consumer's pace is visible as `size`.
 */
export class OutcomeChannel<T> {
  #items: T[] = [];
  #closed = false;
  #error: { reason: unknown } | undefined;
  #readerWaiting: (() => void) | undefined;
  readonly #onDrain: () => void;

  constructor(onDrain: () => void) {
    this.#onDrain = onDrain;
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#notify();
  }

  /** Ends the stream; with a reason, the reader's loop throws it after the last item. */
  close(error?: { reason: unknown }): void {
    this.#closed = true;
    this.#error = error;
    this.#notify();
  }

  async *read(): AsyncGenerator<T> {
    for (;;) {
      const item = this.#items.shift();
      if (item !== undefined) {
        this.#onDrain();
        yield item;
        continue;
      }
      if (this.#closed) {
        if (this.#error !== undefined) {
          throw this.#error.reason;
        }
        return;
      }
      await new Promise<void>((resolve) => {
        this.#readerWaiting = resolve;
      });
    }
  }

  #notify(): void {
    const waiting = this.#readerWaiting;
    this.#readerWaiting = undefined;
    waiting?.();
  }
}
