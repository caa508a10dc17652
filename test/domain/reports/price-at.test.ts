import { describe, expect, it } from 'vitest';
import { priceAt, priceBook } from '../../../src/domain/reports/price-at.ts';

const usd = (monthlyAmount: number) => ({ monthlyAmount, currency: 'USD' });

describe('a SKU price at a date', () => {
  const book = priceBook(
    [
      // Out of order on purpose: the history is read newest first.
      { skuId: 'SKU-E3', at: '2026-01-20T00:00:00.000Z', before: usd(36), after: usd(39) },
      { skuId: 'sku-e3', at: '2026-01-05T00:00:00.000Z', before: null, after: usd(36) },
      { skuId: 'sku-e5', at: '2026-01-15T00:00:00.000Z', before: usd(57), after: usd(60) },
    ],
    [
      { skuId: 'sku-e3', ...usd(39) },
      { skuId: 'sku-e5', ...usd(60) },
      { skuId: 'sku-bi', ...usd(10) },
    ],
  );

  it('is the last change made by then, from the price history', () => {
    expect(priceAt(book, 'sku-e3', '2026-01-10T00:00:00.000Z')).toEqual({
      price: usd(36),
      basis: 'atChange',
    });
    expect(priceAt(book, 'Sku-E3', '2026-01-20T00:00:00.000Z')?.price).toEqual(usd(39));
  });

  it('is the price the first change replaced, before it', () => {
    expect(priceAt(book, 'sku-e5', '2026-01-01T00:00:00.000Z')).toEqual({
      price: usd(57),
      basis: 'atChange',
    });
  });

  it("is today's price where the history has none, and says so", () => {
    expect(priceAt(book, 'sku-e3', '2026-01-01T00:00:00.000Z')).toEqual({
      price: usd(39),
      basis: 'current',
    });
    expect(priceAt(book, 'sku-bi', '2026-01-01T00:00:00.000Z')).toEqual({
      price: usd(10),
      basis: 'current',
    });
  });

  it('is none for a SKU never priced', () => {
    expect(priceAt(book, 'sku-visio', '2026-01-01T00:00:00.000Z')).toBeUndefined();
  });
});
