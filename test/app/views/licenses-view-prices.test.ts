import { describe, expect, it } from 'vitest';
import { describeLicenses } from '../../../src/app/views/licenses-view.ts';
import type { Sku } from '../../../src/domain/licensing.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { E3, priceStore } from './fixtures.ts';

/** Forty products named P00…P39, plenty of seats each, every even one with a price. */
const skus: Sku[] = Array.from({ length: 40 }, (_, i) => ({
  ...E3,
  skuId: `sku-${i}`,
  skuPartNumber: `P${String(i).padStart(2, '0')}`,
  consumedUnits: 1,
}));
const prices = priceStore(
  skus
    .filter((_, i) => i % 2 === 0)
    .map((sku, i) => ({
      tenantId: 't1',
      skuId: sku.skuId,
      monthlyAmount: 10 + i,
      currency: 'USD',
      updatedAt: '',
    })),
);

describe('licenses view prices', () => {
  it('prices every line of a later page as on the first', async () => {
    const directory = new MemoryDirectory({ skus });
    const second = await describeLicenses({ directory, prices }, 't1', 2);
    expect(second.skus.page).toBe(2);
    expect(second.skus.items[0]).toMatchObject({ name: 'P15' });
    expect(second.skus.items[0]!.price).toBeUndefined();
    expect(second.skus.items[1]).toMatchObject({ name: 'P16', price: '$18.00 per user/month' });
    const third = await describeLicenses({ directory, prices }, 't1', 3);
    expect(third.skus.items.at(-2)).toMatchObject({ name: 'P38', price: '$29.00 per user/month' });
    expect(third.skus.total).toBe(40);
  });
});
