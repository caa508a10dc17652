import { describe, expect, it } from 'vitest';
import type { PriceStore, SkuPrice } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

const price = (overrides: Partial<SkuPrice> = {}): SkuPrice => ({
  tenantId: 'tenant',
  skuId: E3,
  monthlyAmount: 36,
  currency: 'USD',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

/** What every `PriceStore` must do, whatever keeps the data. */
export function priceStoreContract(name: string, makeStore: () => PriceStore): void {
  describe(`${name} as a price store`, () => {
    it('gives back a saved price, and null for a SKU without one', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(price({ tenantId }));
      expect(await store.get(tenantId, E3)).toEqual(price({ tenantId }));
      expect(await store.get(tenantId, E5)).toBeNull();
    });

    it('finds a price whatever the case of the SKU id', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(price({ tenantId }));
      expect((await store.get(tenantId, E3.toUpperCase()))?.monthlyAmount).toBe(36);
    });

    it('keeps the last price saved for a SKU', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(price({ tenantId }));
      await store.save(
        price({ tenantId, monthlyAmount: 39.5, updatedAt: '2026-11-02T00:00:00.000Z' }),
      );
      expect((await store.get(tenantId, E3))?.monthlyAmount).toBe(39.5);
      expect(await store.list(tenantId)).toHaveLength(1);
    });

    it("lists one tenant's price table and nothing of another's", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(price({ tenantId }));
      await store.save(price({ tenantId, skuId: E5, monthlyAmount: 57 }));
      await store.save(price({ tenantId: freshTenant(), monthlyAmount: 1 }));
      const listed = await store.list(tenantId);
      expect(listed.map((p) => [p.skuId, p.monthlyAmount]).sort()).toEqual([
        [E3, 36],
        [E5, 57],
      ]);
    });
  });
}
