import { describe, expect, it } from 'vitest';
import { WritePacer } from '../../../src/graph/batch/write-pacer.ts';

describe('write pacer', () => {
  it('spaces batches at the budget rate less the safety margin', () => {
    const pacer = new WritePacer({ writes: 300, windowMs: 15_000 }, { safety: 0.95 });
    expect(pacer.delayFor(0)).toBe(0);
    pacer.take(20, 0);
    // 20 writes at 19 writes/s: the next batch may go after ~1,053 ms.
    expect(pacer.delayFor(0)).toBeCloseTo(1052.6, 0);
    expect(pacer.delayFor(1100)).toBe(0);
  });

  it('holds every send until Retry-After has passed', () => {
    const pacer = new WritePacer({ writes: 3000, windowMs: 150_000 });
    pacer.throttled(1000, 5000);
    expect(pacer.delayFor(1000)).toBe(5000);
    expect(pacer.pausedUntil).toBe(6000);
  });

  it('backs off exponentially when a 429 has no Retry-After', () => {
    const pacer = new WritePacer({ writes: 3000, windowMs: 150_000 }, { random: () => 1 });
    pacer.throttled(0, undefined);
    expect(pacer.pausedUntil).toBe(1000);
    pacer.throttled(1000, undefined);
    expect(pacer.pausedUntil).toBe(3000);
  });

  it('lowers its rate to what Graph let through in the last window, then creeps back', () => {
    const pacer = new WritePacer({ writes: 300, windowMs: 10_000 }, { safety: 1 });
    expect(pacer.ratePerSecond).toBeCloseTo(30);
    pacer.take(20, 0);
    pacer.accepted(100, 0, 8000);
    pacer.throttled(8000, 1000);
    // 100 writes let through in 8 s: 12.5 writes/s.
    expect(pacer.ratePerSecond).toBeCloseTo(12.5);
    pacer.clean();
    expect(pacer.ratePerSecond).toBeCloseTo(13.1);
  });

  it('backs off by a good share when there is too little history to estimate the budget', () => {
    const pacer = new WritePacer({ writes: 300, windowMs: 10_000 }, { safety: 1 });
    pacer.take(20, 0);
    pacer.throttled(500, 1000);
    expect(pacer.ratePerSecond).toBeCloseTo(21);
  });

  it('ignores the other 429s of the same burst while paused', () => {
    const pacer = new WritePacer({ writes: 300, windowMs: 10_000 }, { safety: 1 });
    pacer.take(20, 0);
    pacer.accepted(200, 0, 1000);
    pacer.throttled(1000, 2000);
    pacer.accepted(0, 1000, 1500);
    pacer.throttled(1500, 2000);
    expect(pacer.ratePerSecond).toBeCloseTo(21);
  });
});
