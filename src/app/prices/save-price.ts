import type { Result } from '../../domain/errors.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { Caller } from '../identity/caller.ts';
import type { Clock } from '../ports/clock.ts';
import type {
  PriceChange,
  PriceChangeVia,
  PriceFigures,
  PriceHistory,
} from '../ports/price-history.ts';
import { ConcurrencyConflictError, type PriceStore, type SkuPrice } from '../ports/stores.ts';
import { refusePrice, type PriceRefusal } from './price-refusal.ts';

/** What saving a price needs: the price table, its history and the time. */
export interface SavePriceDeps {
  prices: PriceStore;
  priceHistory: PriceHistory;
  clock: Pick<Clock, 'now'>;
}

/** A price as it stands after a save: changed, or already what was asked. */
export interface PriceSaved {
  outcome: 'saved' | 'unchanged';
  price: SkuPrice;
  /** The price before; null when the SKU had none. */
  before: PriceFigures | null;
}

// Two admins saving the same SKU at the same moment: the loser reads again and goes on.
const ATTEMPTS = 3;

const figuresOf = (price: SkuPrice): PriceFigures => ({
  monthlyAmount: price.monthlyAmount,
  currency: price.currency,
});

const sameFigures = (a: PriceFigures, b: PriceFigures): boolean =>
  a.monthlyAmount === b.monthlyAmount && a.currency === b.currency;

/** The change's id: the SKU and the revision it writes, so its record is written once. */
export const priceChangeId = (skuId: string, revision: number): string =>
  `price-change:${skuId.toLowerCase()}:${revision}`;

/**
 * Sets one SKU's monthly price (figures already checked) and records the change: old → new, by
 * whom, when, how. The price and the change are written in one item, guarded by its ETag, and
 * the change's history record after it. Should that second write fail, the change is still in
 * the price's item: the next save of the SKU (a retry, say) records it first, under the same id,
 * so the history converges and never holds a change twice. Asking for the price the SKU already
 * has changes nothing.
 */
export async function savePrice(
  deps: SavePriceDeps,
  caller: Caller,
  sku: Pick<Sku, 'skuId' | 'skuPartNumber'>,
  figures: PriceFigures,
  via: PriceChangeVia,
): Promise<Result<PriceSaved, PriceRefusal>> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.prices.get(caller.tenantId, sku.skuId);
    if (current?.value.lastChange) {
      await deps.priceHistory.record(current.value.lastChange);
    }
    const before = current ? figuresOf(current.value) : null;
    if (current && sameFigures(figuresOf(current.value), figures)) {
      return { ok: true, value: { outcome: 'unchanged', price: current.value, before } };
    }
    const revision = (current?.value.revision ?? 0) + 1;
    const at = deps.clock.now().toISOString();
    const change: PriceChange = {
      id: priceChangeId(sku.skuId, revision),
      tenantId: caller.tenantId,
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      before,
      after: { ...figures },
      by: { userId: caller.userId, displayName: caller.displayName },
      via,
      at,
    };
    let saved: SkuPrice;
    try {
      saved = (
        await deps.prices.save(
          {
            tenantId: caller.tenantId,
            skuId: sku.skuId,
            ...figures,
            updatedAt: at,
            revision,
            lastChange: change,
          },
          current?.etag,
        )
      ).value;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) {
        throw error;
      }
      if (attempt < ATTEMPTS) {
        continue;
      }
      return refusePrice(
        'PRICE_BUSY',
        'Someone else kept changing that price while I saved it, so I left theirs. Look at `prices` and try again.',
      );
    }
    await deps.priceHistory.record(change);
    return { ok: true, value: { outcome: 'saved', price: saved, before } };
  }
}
