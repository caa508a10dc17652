import type { WriteBudget } from '../graph/index.ts';
import { z } from 'zod';

const throttleOptions = z.looseObject({
  writeBudget: z.number().positive(),
  writeWindowMs: z.number().positive(),
  applicationWriteBudget: z.number().positive().optional(),
  applicationWriteWindowMs: z.number().positive().optional(),
});

/**
 * The demo tenant's write budget, as the simulator is set to throttle it (`GET
 * /_simulator/throttle`): a simulator whose windows were shrunk for a demo or a test gets writes
 * at its own pace, as a real tenant's writer paces at Graph's. Undefined when it cannot be read
 * (the writer then keeps Graph's budget).
 */
export async function simulatorWriteBudget(
  simulatorUrl: string,
): Promise<({ writes: number; windowMs: number } & { app?: WriteBudget }) | undefined> {
  try {
    const res = await fetch(new URL('/_simulator/throttle', simulatorUrl), {
      signal: AbortSignal.timeout(5_000),
    });
    const parsed = throttleOptions.safeParse(await res.json());
    return parsed.success
      ? {
          writes: parsed.data.writeBudget,
          windowMs: parsed.data.writeWindowMs,
          // The app's writes across tenants, as the simulator throttles them (shrunk alike).
          ...(parsed.data.applicationWriteBudget !== undefined &&
          parsed.data.applicationWriteWindowMs !== undefined
            ? {
                app: {
                  writes: parsed.data.applicationWriteBudget,
                  windowMs: parsed.data.applicationWriteWindowMs,
                },
              }
            : {}),
        }
      : undefined;
  } catch {
    return undefined;
  }
}
