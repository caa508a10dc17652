import { describe, expect, it } from 'vitest';
import { describeLicenses } from '../../../src/app/views/licenses-view.ts';
import { seatWarning } from '../../../src/app/views/seat-warning.ts';
import { contoso, priceStore } from './fixtures.ts';

describe('licenses view', () => {
  it('lists friendly names, seats and prices, warnings first', async () => {
    const prices = priceStore([
      { tenantId: 't1', skuId: 'sku-e3', monthlyAmount: 36, currency: 'USD', updatedAt: '' },
      { tenantId: 'other', skuId: 'sku-pbi', monthlyAmount: 10, currency: 'USD', updatedAt: '' },
    ]);
    const view = await describeLicenses({ directory: contoso(), prices }, 't1');
    expect(view.skus.items).toEqual([
      expect.objectContaining({
        name: 'Microsoft 365 E3',
        used: 97,
        total: 100,
        available: 3,
        price: '$36.00 per user/month',
        warning: 'Nearly out: only 3 seats left.',
      }),
      expect.objectContaining({
        name: 'Power BI Pro',
        available: -2,
        warning: 'Over-used by 2 seats: buy more or remove some.',
      }),
      expect.objectContaining({ name: 'CONTOSO_SPECIAL', available: 499 }),
    ]);
    // Another tenant's price is not this tenant's.
    expect(view.skus.items[1]!.price).toBeUndefined();
    expect(view.skus.items[2]!.warning).toBeUndefined();
    expect(view.warningCount).toBe(2);
  });
});

describe('seat warning', () => {
  it('warns at 5 seats or 5 % left, whichever is larger', () => {
    expect(seatWarning(1000, 50, 'Enabled')).toMatch(/Nearly out/);
    expect(seatWarning(1000, 51, 'Enabled')).toBeUndefined();
    expect(seatWarning(20, 5, 'Enabled')).toMatch(/Nearly out: only 5 seats/);
    expect(seatWarning(20, 6, 'Enabled')).toBeUndefined();
    expect(seatWarning(20, 0, 'Enabled')).toMatch(/No seats left/);
  });

  it('warns about a subscription that stopped working or is in its grace period', () => {
    expect(seatWarning(20, 10, 'Suspended')).toMatch(/suspended/);
    expect(seatWarning(20, 10, 'Warning')).toMatch(/grace period/);
  });
});
