import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/simulator/faults/faults.ts';

const read = { method: 'GET', path: '/users' };
const write = { method: 'POST', path: '/users/u1/assignLicense' };

function run(injector: FaultInjector, count: number, request = read) {
  return Array.from({ length: count }, () => injector.next(request));
}

describe('fault injection', () => {
  it('injects nothing and waits nothing by default', () => {
    const decisions = run(new FaultInjector(), 100);
    expect(decisions.every((d) => d.fault === 'none' && d.delayMs === 0)).toBe(true);
  });

  it('gives the same decisions for the same seed and request sequence', () => {
    const options = {
      seed: 7,
      rate503: 0.1,
      rate504: 0.1,
      dropRate: 0.1,
      readLatencyMs: 50,
      jitterMs: 20,
    };
    expect(run(new FaultInjector(options), 200)).toEqual(run(new FaultInjector(options), 200));
  });

  it('gives other decisions for another seed', () => {
    const options = { rate503: 0.3, readLatencyMs: 50, jitterMs: 20 };
    expect(run(new FaultInjector({ ...options, seed: 1 }), 50)).not.toEqual(
      run(new FaultInjector({ ...options, seed: 2 }), 50),
    );
  });

  it('answers 503, 504 and drops at about the configured rates', () => {
    const injector = new FaultInjector({ seed: 3, rate503: 0.05, rate504: 0.03, dropRate: 0.02 });
    const decisions = run(injector, 20_000);
    const share = (fault: string) => decisions.filter((d) => d.fault === fault).length / 20_000;
    expect(share('503')).toBeCloseTo(0.05, 2);
    expect(share('504')).toBeCloseTo(0.03, 2);
    expect(share('drop')).toBeCloseTo(0.02, 2);
  });

  it('counts each fault injected', () => {
    const injector = new FaultInjector({ seed: 3, rate503: 0.2, rate504: 0.2, dropRate: 0.2 });
    const decisions = run(injector, 500);
    const counters = injector.counters();
    expect(counters.requests).toBe(500);
    expect(counters.injected).toEqual({
      '503': decisions.filter((d) => d.fault === '503').length,
      '504': decisions.filter((d) => d.fault === '504').length,
      drop: decisions.filter((d) => d.fault === 'drop').length,
    });
    expect(counters.injected['503']).toBeGreaterThan(0);
  });

  it('delays reads and writes by their own latency', () => {
    const injector = new FaultInjector({ readLatencyMs: 30, writeLatencyMs: 400 });
    expect(injector.next(read).delayMs).toBe(30);
    expect(injector.next(write).delayMs).toBe(400);
    expect(injector.next({ method: 'PATCH', path: '/users/u1' }).delayMs).toBe(400);
  });

  it('adds a jitter between 0 and jitterMs', () => {
    const delays = run(new FaultInjector({ readLatencyMs: 100, jitterMs: 50 }), 2000).map(
      (d) => d.delayMs,
    );
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(150);
    expect(new Set(delays).size).toBeGreaterThan(20);
  });

  it('spreads latency around the median with a long right tail when latencySpread is set', () => {
    const delays = run(
      new FaultInjector({ seed: 11, writeLatencyMs: 400, latencySpread: 0.5 }),
      5000,
      write,
    )
      .map((d) => d.delayMs)
      .sort((a, b) => a - b);
    const median = delays[2500]!;
    const p99 = delays[4950]!;
    expect(median).toBeGreaterThan(370);
    expect(median).toBeLessThan(430);
    // e^(0.5 × 2.33) ≈ 3.2: the 99th percentile sits well above the median.
    expect(p99 / median).toBeGreaterThan(2.6);
    expect(delays[0]!).toBeGreaterThan(0);
  });

  it('caps the tail at maxLatencyMs', () => {
    const injector = new FaultInjector({
      seed: 2,
      readLatencyMs: 1000,
      latencySpread: 3,
      maxLatencyMs: 5000,
    });
    const delays = run(injector, 2000).map((d) => d.delayMs);
    expect(Math.max(...delays)).toBe(5000);
  });

  it('keeps later latencies unchanged when only a rate changes', () => {
    const a = new FaultInjector({ seed: 5, readLatencyMs: 100, jitterMs: 100 });
    const b = new FaultInjector({ seed: 5, readLatencyMs: 100, jitterMs: 100, rate503: 0.5 });
    expect(run(a, 100).map((d) => d.delayMs)).toEqual(run(b, 100).map((d) => d.delayMs));
  });

  it('changes options at run time; a new seed restarts the sequence', () => {
    const injector = new FaultInjector({ seed: 9 });
    injector.configure({ rate504: 1 });
    expect(injector.next(read).fault).toBe('504');
    expect(injector.options()).toMatchObject({ seed: 9, rate504: 1 });
    injector.configure({ rate504: 0, readLatencyMs: 10, jitterMs: 90, seed: 12 });
    const afterReseed = run(injector, 10);
    expect(afterReseed).toEqual(
      run(new FaultInjector({ seed: 12, readLatencyMs: 10, jitterMs: 90 }), 10),
    );
  });

  it('restarts from the seed and zeroes the counters on reset', () => {
    const injector = new FaultInjector({ seed: 4, rate503: 0.5, jitterMs: 10 });
    const first = run(injector, 20);
    injector.reset();
    expect(injector.counters().requests).toBe(0);
    expect(run(injector, 20)).toEqual(first);
  });

  it('lets a share of 504s and drops on writes strike after the write took effect', () => {
    const injector = new FaultInjector({
      seed: 8,
      rate504: 0.5,
      dropRate: 0.5,
      failAfterWriteRate: 0.5,
    });
    const writes = run(injector, 2000, write);
    const after = writes.filter((d) => d.afterProcessing).length;
    expect(after / 2000).toBeCloseTo(0.5, 1);
    expect(injector.counters().afterProcessing).toBe(after);
    const reads = run(injector, 200, read);
    expect(reads.some((d) => d.afterProcessing)).toBe(false);
  });

  it('never marks a 503 or a clean answer as processed-then-failed', () => {
    const injector = new FaultInjector({ seed: 8, rate503: 0.5, failAfterWriteRate: 1 });
    expect(run(injector, 500, write).some((d) => d.afterProcessing)).toBe(false);
  });

  it('refuses rates outside 0..1 or adding up past 1', () => {
    expect(() => new FaultInjector({ rate503: 1.5 })).toThrow(
      /Invalid fault options:[\s\S]*rate503/,
    );
    expect(() => new FaultInjector({ rate503: 0.6, dropRate: 0.6 })).toThrow(/at most 1/);
    expect(() => new FaultInjector({ readLatencyMs: -5 })).toThrow();
  });
});
