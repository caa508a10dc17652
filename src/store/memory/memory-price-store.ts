import type { PriceStore, SkuPrice, Versioned } from '../../app/ports/stores.ts';
import { skuPriceSchema } from '../documents.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `PriceStore` in memory; passes the same contract suite as `CosmosPriceStore`. */
export class MemoryPriceStore implements PriceStore {
  readonly #items = new VersionedMap<SkuPrice>();

  list(tenantId: string): Promise<SkuPrice[]> {
    return Promise.resolve(
      this.#items
        .values()
        .map((item) => item.value)
        .filter((price) => price.tenantId === tenantId),
    );
  }

  get(tenantId: string, skuId: string): Promise<Versioned<SkuPrice> | null> {
    return Promise.resolve(this.#items.get(key(tenantId, skuId)));
  }

  save(price: SkuPrice, etag?: string): Promise<Versioned<SkuPrice>> {
    return settle(() => {
      const valid = skuPriceSchema.parse(price);
      const at = key(valid.tenantId, valid.skuId);
      return etag === undefined
        ? this.#items.create(at, valid)
        : this.#items.replace(at, valid, etag);
    });
  }
}

// SKU ids are GUIDs: compare them the way Graph does, without case.
const key = (tenantId: string, skuId: string): string => `${tenantId}\n${skuId.toLowerCase()}`;
