import { describe, expect, it } from 'vitest';
import {
  defaultThrottleOptions,
  parseThrottleOptionsPatch,
  shrunkThrottleOptions,
} from '../../../src/simulator/throttle/options.ts';

describe("Graph's limits shrunk for a benchmark or a test", () => {
  it('divides every window and keeps every budget', () => {
    const shrunk = shrunkThrottleOptions(10);
    expect(shrunk.writeWindowMs).toBe(15_000);
    expect(shrunk.writeBudget).toBe(defaultThrottleOptions.writeBudget);
    expect(shrunk.applicationWriteWindowMs).toBe(30_000);
  });

  it('gives whole milliseconds the control API takes, whatever the factor', () => {
    const shrunk = shrunkThrottleOptions(6);
    expect(shrunk.writeWindowMs).toBe(25_000);
    expect(shrunk.resourceUnitWindowMs).toBe(1_667);
    expect(() => parseThrottleOptionsPatch(shrunk)).not.toThrow();
  });
});
