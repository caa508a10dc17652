import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
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
    it('gives back a saved price with its ETag, and null for a SKU without one', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(price({ tenantId }));
      expect(created.value).toEqual(price({ tenantId }));
      expect(created.etag).not.toBe('');
      expect(await store.get(tenantId, E3)).toEqual(created);
      expect(await store.get(tenantId, E5)).toBeNull();
    });

    it('finds a price whatever the case of the SKU id', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(price({ tenantId }));
      expect((await store.get(tenantId, E3.toUpperCase()))?.value.monthlyAmount).toBe(36);
    });

    it('keeps the change that set a price, and its revision, with the price', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const lastChange = {
        id: `price-change:${E3}:1`,
        tenantId,
        skuId: E3,
        skuPartNumber: 'SPE_E3',
        before: null,
        after: { monthlyAmount: 36, currency: 'USD' },
        by: { userId: 'megan', displayName: 'Megan Bowen' },
        via: 'chat' as const,
        at: '2026-11-01T10:00:00.000Z',
      };
      await store.save(price({ tenantId, revision: 1, lastChange }));
      expect((await store.get(tenantId, E3))?.value).toEqual(
        price({ tenantId, revision: 1, lastChange }),
      );
    });

    it('replaces a price with its current ETag, and hands out a new one', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(price({ tenantId }));
      const changed = price({ tenantId, monthlyAmount: 39.5, updatedAt: '2026-11-02T00:00:00Z' });
      const replaced = await store.save(changed, created.etag);
      expect(replaced.value).toEqual(changed);
      expect(replaced.etag).not.toBe(created.etag);
      expect(await store.get(tenantId, E3)).toEqual(replaced);
      expect(await store.list(tenantId)).toEqual([changed]);
    });

    it('refuses a second create and a stale ETag, keeping what was there', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const created = await store.save(price({ tenantId }));
      await expect(store.save(price({ tenantId, monthlyAmount: 1 }))).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
      const current = await store.save(price({ tenantId, monthlyAmount: 40 }), created.etag);
      await expect(
        store.save(price({ tenantId, monthlyAmount: 41 }), created.etag),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect(await store.get(tenantId, E3)).toEqual(current);
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
