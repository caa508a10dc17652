import { z } from 'zod';

const rate = z.number().min(0).max(1);
const milliseconds = z.number().min(0);

/**
 * How the simulator misbehaves. Rates are shares of requests (0–1). Latency: each request waits
 * `base × e^(latencySpread·Z)` (Z standard normal, so `base` is the median and a positive spread
 * gives the long right tail real Graph writes show), plus a uniform `0…jitterMs`. `base` is
 * `writeLatencyMs` for POST/PATCH/PUT/DELETE and `readLatencyMs` otherwise.
 */
export const faultOptionsSchema = z
  .object({
    seed: z.number().int(),
    rate503: rate,
    rate504: rate,
    dropRate: rate,
    readLatencyMs: milliseconds,
    writeLatencyMs: milliseconds,
    jitterMs: milliseconds,
    latencySpread: z.number().min(0).max(3),
    /** No request waits longer than this, however far into the tail it falls. */
    maxLatencyMs: milliseconds,
    /**
     * Share of the 504s and dropped connections on writes that strike after the write took
     * effect: the client sees a failure although the change was made, as happens with real
     * gateway timeouts. Callers must settle such writes by reading, not by guessing.
     */
    failAfterWriteRate: rate,
  })
  .strict();

export type FaultOptions = z.infer<typeof faultOptionsSchema>;

export const faultOptionsPatchSchema = faultOptionsSchema.partial();

export const defaultFaultOptions: Readonly<FaultOptions> = Object.freeze({
  seed: 42,
  rate503: 0,
  rate504: 0,
  dropRate: 0,
  readLatencyMs: 0,
  writeLatencyMs: 0,
  jitterMs: 0,
  latencySpread: 0,
  maxLatencyMs: 30_000,
  failAfterWriteRate: 0,
});

/**
 * Merges a patch into options. Throws a `RangeError` listing each problem in plain words,
 * including rates that add up to more than every request.
 */
export function mergeFaultOptions(current: FaultOptions, patch: unknown): FaultOptions {
  const parsed = faultOptionsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new RangeError(`Invalid fault options:\n${z.prettifyError(parsed.error)}`);
  }
  const merged = { ...current, ...parsed.data };
  const total = merged.rate503 + merged.rate504 + merged.dropRate;
  if (total > 1) {
    throw new RangeError(`rate503 + rate504 + dropRate must be at most 1 (got ${total}).`);
  }
  return merged;
}
