import type { Clock } from '../ports/clock.ts';
import type { PriceStore, SkuPrice, Versioned } from '../ports/stores.ts';
import { FreshValue } from './fresh-value.ts';

export const DEFAULT_PRICES_TTL_MS = 30_000;
const MAX_TENANTS = 100;

/**
 * A `PriceStore` that keeps each tenant's price list for `ttlMs` (30 s unless told): the
 * `licenses` view shows it on every turn, and admins change it rarely. A price saved through
 * this instance clears that tenant's list at once; one saved by another instance shows within
 * `ttlMs`. Single prices (`get`) and saves go straight to the store.
 */
export class CachedPriceList implements PriceStore {
  readonly #store: PriceStore;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #byTenant = new Map<string, FreshValue<SkuPrice[]>>();

  constructor(store: PriceStore, clock: Pick<Clock, 'now'>, options: { ttlMs?: number } = {}) {
    this.#store = store;
    this.#now = () => clock.now().getTime();
    this.#ttlMs = options.ttlMs ?? DEFAULT_PRICES_TTL_MS;
  }

  #listOf(tenantId: string): FreshValue<SkuPrice[]> {
    let list = this.#byTenant.get(tenantId);
    if (list === undefined) {
      if (this.#byTenant.size >= MAX_TENANTS) {
        this.#byTenant.clear();
      }
      list = new FreshValue({
        read: () => this.#store.list(tenantId),
        ttlMs: this.#ttlMs,
        now: this.#now,
      });
      this.#byTenant.set(tenantId, list);
    }
    return list;
  }

  async list(tenantId: string): Promise<SkuPrice[]> {
    return [...(await this.#listOf(tenantId).get())];
  }

  get: PriceStore['get'] = (tenantId, skuId) => this.#store.get(tenantId, skuId);

  async save(price: SkuPrice, etag?: string): Promise<Versioned<SkuPrice>> {
    const list = this.#listOf(price.tenantId);
    list.invalidate();
    try {
      return await this.#store.save(price, etag);
    } finally {
      // Also after a failed write: it may have been applied before the answer was lost.
      list.invalidate();
    }
  }
}
