import { describe, expect, it } from 'vitest';
import { describePrices, findPricedSku } from '../../../src/app/prices/prices-view.ts';
import { MemoryPriceStore } from '../../../src/store/memory/memory-price-store.ts';
import { e3, e5, tenantSkus } from '../../domain/fixtures/tenant.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const price = (skuId: string, monthlyAmount: number, currency: string, tenantId = 't1') => ({
  tenantId,
  skuId,
  monthlyAmount,
  currency,
  updatedAt: '2026-11-23T09:00:00.000Z',
});

describe('the price table', () => {
  it('lists every subscribed SKU by name with its price or none, and the currencies in use', async () => {
    const prices = new MemoryPriceStore();
    await prices.save(price(e5.skuId.toUpperCase(), 57, 'USD'));
    await prices.save(price(e3.skuId, 33.9, 'EUR'));
    await prices.save(price(e3.skuId, 1, 'GBP', 't2'));
    const view = await describePrices(
      { directory: new MemoryDirectory({ skus: tenantSkus }), prices },
      't1',
    );
    const names = view.skus.items.map((sku) => sku.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(view.skus.total).toBe(tenantSkus.length);
    expect(view.currencies).toEqual(['EUR', 'USD']);
    expect(view.unpriced).toBe(tenantSkus.length - 2);
    const e5Line = view.skus.items.find((sku) => sku.partNumber === 'SPE_E5');
    expect(e5Line?.price?.monthlyAmount).toBe(57);
  });

  it('leaves out a subscription that ended with nobody on it', async () => {
    const ended = { ...e3, capabilityStatus: 'Deleted' as const, consumedUnits: 0 };
    const view = await describePrices(
      { directory: new MemoryDirectory({ skus: [ended, e5] }), prices: new MemoryPriceStore() },
      't1',
    );
    expect(view.skus.items.map((sku) => sku.partNumber)).toEqual(['SPE_E5']);
  });

  it('finds one SKU with its price for the edit form, or nothing', async () => {
    const prices = new MemoryPriceStore();
    await prices.save(price(e5.skuId, 57, 'USD'));
    const deps = { directory: new MemoryDirectory({ skus: tenantSkus }), prices };
    expect(await findPricedSku(deps, 't1', e5.skuId)).toMatchObject({
      partNumber: 'SPE_E5',
      price: { monthlyAmount: 57 },
    });
    expect(await findPricedSku(deps, 't1', e3.skuId)).not.toHaveProperty('price');
    expect(await findPricedSku(deps, 't1', 'no-such-sku')).toBeNull();
  });
});
