import { z } from 'zod';
import type { PriceStore } from '../app/ports/stores.ts';

const price = z.object({ amount: z.number().nonnegative(), currency: z.string().length(3) });
/** `GET /_simulator/prices`: monthly list price per seat, by skuId (possibly wrapped). */
const simulatorPrices = z.union([
  z.record(z.string(), price),
  z.object({ prices: z.record(z.string(), price) }).transform((body) => body.prices),
]);

/**
 * Copies the demo tenant's price list into the price store, so `licenses` and cost previews show
 * prices from the first chat (in production the admins keep the price table themselves).
 * Returns how many prices were written.
 */
export async function seedPricesFromSimulator(options: {
  simulatorUrl: string;
  prices: PriceStore;
  tenantId: string;
  now: Date;
}): Promise<number> {
  const res = await fetch(new URL('/_simulator/prices', options.simulatorUrl));
  if (!res.ok) {
    throw new Error(`the simulator's price list answered ${res.status}`);
  }
  const list = simulatorPrices.parse(await res.json());
  const updatedAt = options.now.toISOString();
  await Promise.all(
    Object.entries(list).map(([skuId, { amount, currency }]) =>
      options.prices.save({
        tenantId: options.tenantId,
        skuId,
        monthlyAmount: amount,
        currency,
        updatedAt,
      }),
    ),
  );
  return Object.keys(list).length;
}
