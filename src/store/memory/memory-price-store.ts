import type { PriceStore, SkuPrice } from '../../app/ports/stores.ts';
import { skuPriceSchema } from '../documents.ts';

/** `PriceStore` in memory; passes the same contract suite as `CosmosPriceStore`. */
export class MemoryPriceStore implements PriceStore {
  readonly #items = new Map<string, SkuPrice>();

  list(tenantId: string): Promise<SkuPrice[]> {
    return Promise.resolve(
      [...this.#items.values()]
        .filter((price) => price.tenantId === tenantId)
        .map((price) => structuredClone(price)),
    );
  }

  get(tenantId: string, skuId: string): Promise<SkuPrice | null> {
    const found = this.#items.get(key(tenantId, skuId));
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  save(price: SkuPrice): Promise<void> {
    this.#items.set(key(price.tenantId, price.skuId), skuPriceSchema.parse(price));
    return Promise.resolve();
  }
}

// SKU ids are GUIDs: compare them the way Graph does, without case.
const key = (tenantId: string, skuId: string): string => `${tenantId}\n${skuId.toLowerCase()}`;
