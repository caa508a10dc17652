import type { Clock } from '../../../src/app/ports/clock.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Pick<Clock, 'now'> {
  #ms = Date.parse('2026-11-23T09:00:00Z');

  now(): Date {
    return new Date(this.#ms);
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** A promise and the functions that settle it, for reads that answer when the test says so. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
