import { describe, expect, it } from 'vitest';
import { FreshValue } from '../../../src/app/caching/fresh-value.ts';
import { deferred, ManualClock } from './manual-clock.ts';

function counted<T>(answers: (() => Promise<T>)[]): {
  read: () => Promise<T>;
  reads: () => number;
} {
  let reads = 0;
  return {
    read: () => {
      const answer = answers[Math.min(reads, answers.length - 1)]!;
      reads += 1;
      return answer();
    },
    reads: () => reads,
  };
}

describe('a value kept fresh for a while', () => {
  it('reads once, then answers from memory until the time is up', async () => {
    const clock = new ManualClock();
    const source = counted([() => Promise.resolve('first'), () => Promise.resolve('second')]);
    const value = new FreshValue({ read: source.read, ttlMs: 20_000, now: () => +clock.now() });
    expect(await value.get()).toBe('first');
    clock.advance(19_999);
    expect(await value.get()).toBe('first');
    expect(source.reads()).toBe(1);
    clock.advance(1);
    expect(await value.get()).toBe('second');
    expect(source.reads()).toBe(2);
  });

  it('lets readers who arrive during a read share it', async () => {
    const clock = new ManualClock();
    const answer = deferred<number>();
    const source = counted([() => answer.promise]);
    const value = new FreshValue({ read: source.read, ttlMs: 1_000, now: () => +clock.now() });
    const readers = Array.from({ length: 50 }, () => value.get());
    answer.resolve(42);
    expect(await Promise.all(readers)).toEqual(Array(50).fill(42));
    expect(source.reads()).toBe(1);
  });

  it('keeps no failure: the next reader asks the source again', async () => {
    const clock = new ManualClock();
    const source = counted([
      () => Promise.reject(new Error('Graph is down')),
      () => Promise.resolve('back'),
    ]);
    const value = new FreshValue({ read: source.read, ttlMs: 20_000, now: () => +clock.now() });
    await expect(value.get()).rejects.toThrow('Graph is down');
    expect(await value.get()).toBe('back');
    expect(source.reads()).toBe(2);
  });

  it('reads anew after an invalidation, before the time is up', async () => {
    const clock = new ManualClock();
    const source = counted([() => Promise.resolve('before'), () => Promise.resolve('after')]);
    const value = new FreshValue({ read: source.read, ttlMs: 20_000, now: () => +clock.now() });
    expect(await value.get()).toBe('before');
    value.invalidate();
    expect(await value.get()).toBe('after');
  });

  it('does not keep what a read under way at the invalidation brings back', async () => {
    const clock = new ManualClock();
    const stale = deferred<string>();
    const source = counted([() => stale.promise, () => Promise.resolve('after the write')]);
    const value = new FreshValue({ read: source.read, ttlMs: 20_000, now: () => +clock.now() });
    const early = value.get();
    value.invalidate();
    const late = value.get();
    stale.resolve('before the write');
    expect(await early).toBe('before the write');
    expect(await late).toBe('after the write');
    expect(await value.get()).toBe('after the write');
    expect(source.reads()).toBe(2);
  });
});
