import { z } from 'zod';
import { ConcurrencyConflictError, type PriceStore, type SkuPrice } from '../app/ports/stores.ts';

const price = z.object({ amount: z.number().nonnegative(), currency: z.string().length(3) });
/** `GET /_simulator/prices`: monthly list price per seat, by skuId (possibly wrapped). */
const simulatorPrices = z.union([
  z.record(z.string(), price),
  z.object({ prices: z.record(z.string(), price) }).transform((body) => body.prices),
]);

/** Creates the price unless the SKU has one: what an admin set in the demo is kept. */
async function createMissing(prices: PriceStore, price: SkuPrice): Promise<boolean> {
  if ((await prices.get(price.tenantId, price.skuId)) !== null) {
    return false;
  }
  try {
    await prices.save(price);
    return true;
  } catch (error) {
    // Another instance on the same store seeded it first.
    if (error instanceof ConcurrencyConflictError) {
      return false;
    }
    throw error;
  }
}

/**
 * Copies the demo tenant's price list into the price store, so `licenses` and cost previews show
 * prices from the first chat (in production the admins keep the price table themselves). A SKU
 * that has a price already keeps it. Returns how many prices were written.
 */
export async function seedPricesFromSimulator(options: {
  simulatorUrl: string;
  prices: PriceStore;
  tenantId: string;
  /** The simulator tenant whose prices to copy, when not its home tenant. */
  simulatorTenantId?: string;
  now: Date;
}): Promise<number> {
  // Another tenant's list is under its own control path (the home tenant's at the root).
  const path = options.simulatorTenantId
    ? `/_simulator/tenants/${options.simulatorTenantId}/prices`
    : '/_simulator/prices';
  const res = await fetch(new URL(path, options.simulatorUrl));
  if (!res.ok) {
    throw new Error(`the simulator's price list answered ${res.status}`);
  }
  const list = simulatorPrices.parse(await res.json());
  const updatedAt = options.now.toISOString();
  const written = await Promise.all(
    Object.entries(list).map(([skuId, { amount, currency }]) =>
      createMissing(options.prices, {
        tenantId: options.tenantId,
        skuId,
        monthlyAmount: amount,
        currency,
        updatedAt,
      }),
    ),
  );
  return written.filter(Boolean).length;
}
