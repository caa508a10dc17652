import { z } from 'zod';

/**
 * Graph's identity-and-access limits ("Microsoft Graph service-specific throttling limits"):
 * resource units per application+tenant by tenant size, writes per application+tenant, writes
 * per tenant for all applications, and the per-application ceilings across tenants. Windows and
 * budgets are options so a benchmark can shrink time while keeping the ratios.
 */
export const throttleOptionsSchema = z
  .object({
    enabled: z.boolean(),
    /** Resource units per application+tenant, refilled over this window. */
    resourceUnitWindowMs: z.number().int().positive(),
    /** Tenant under 50 users. */
    resourceUnitBudgetSmall: z.number().positive(),
    /** Tenant of 50 to 500 users. */
    resourceUnitBudgetMedium: z.number().positive(),
    /** Tenant over 500 users. */
    resourceUnitBudgetLarge: z.number().positive(),
    /** Writes per application+tenant. */
    writeWindowMs: z.number().int().positive(),
    writeBudget: z.number().positive(),
    /** Writes per tenant, all applications together. */
    tenantWriteWindowMs: z.number().int().positive(),
    tenantWriteBudget: z.number().positive(),
    /** Resource units per application, all tenants together. */
    applicationResourceUnitWindowMs: z.number().int().positive(),
    applicationResourceUnitBudget: z.number().positive(),
    /** Writes per application, all tenants together. */
    applicationWriteWindowMs: z.number().int().positive(),
    applicationWriteBudget: z.number().positive(),
  })
  .strict();

export type ThrottleOptions = z.infer<typeof throttleOptionsSchema>;

/** What a partial update (`PUT /_simulator/throttle`) may carry. */
export const throttleOptionsPatchSchema = throttleOptionsSchema.partial();

export const defaultThrottleOptions: Readonly<ThrottleOptions> = Object.freeze({
  enabled: true,
  resourceUnitWindowMs: 10_000,
  resourceUnitBudgetSmall: 3_500,
  resourceUnitBudgetMedium: 5_000,
  resourceUnitBudgetLarge: 8_000,
  writeWindowMs: 150_000,
  writeBudget: 3_000,
  tenantWriteWindowMs: 300_000,
  tenantWriteBudget: 18_000,
  applicationResourceUnitWindowMs: 20_000,
  applicationResourceUnitBudget: 150_000,
  // GRAPH-FACTS.md says 35,000; some versions of Microsoft's page say 70,000. The lower is kept:
  // it never binds before the per-tenant limits in a single-tenant simulator anyway.
  applicationWriteWindowMs: 300_000,
  applicationWriteBudget: 35_000,
});

/**
 * Graph's limits with every window divided by `shrink` and every budget kept: the same ratios
 * between limits, `shrink` times faster (a benchmark or a test that cannot wait minutes).
 */
export function shrunkThrottleOptions(shrink: number): ThrottleOptions {
  const d = defaultThrottleOptions;
  // Whole milliseconds, as the options (and `PUT /_simulator/throttle`) take them: a factor like
  // 6 would otherwise give 16,666.67 ms windows that the control API refuses.
  const shrunk = (windowMs: number) => Math.max(1, Math.round(windowMs / shrink));
  return {
    ...d,
    resourceUnitWindowMs: shrunk(d.resourceUnitWindowMs),
    writeWindowMs: shrunk(d.writeWindowMs),
    tenantWriteWindowMs: shrunk(d.tenantWriteWindowMs),
    applicationResourceUnitWindowMs: shrunk(d.applicationResourceUnitWindowMs),
    applicationWriteWindowMs: shrunk(d.applicationWriteWindowMs),
  };
}

/**
 * Validates a partial update of the options. Throws a `RangeError` whose message lists each
 * problem in plain words (the control API answers it as a 400).
 */
export function parseThrottleOptionsPatch(patch: unknown): Partial<ThrottleOptions> {
  const parsed = throttleOptionsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new RangeError(`Invalid throttle options:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The resource-unit budget for a tenant of this many users (S < 50, M 50–500, L > 500). */
export function resourceUnitBudget(options: ThrottleOptions, tenantUserCount: number): number {
  if (tenantUserCount < 50) {
    return options.resourceUnitBudgetSmall;
  }
  return tenantUserCount <= 500
    ? options.resourceUnitBudgetMedium
    : options.resourceUnitBudgetLarge;
}
