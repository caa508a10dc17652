import { describe, expect, it } from 'vitest';
import { formatMonthlyPrice } from '../../../src/domain/prices/money.ts';

describe('monthly prices', () => {
  it('shows the amount in its own currency, per user and month', () => {
    expect(formatMonthlyPrice({ monthlyAmount: 36, currency: 'USD' })).toBe(
      '$36.00 per user/month',
    );
    expect(formatMonthlyPrice({ monthlyAmount: 33.9, currency: 'EUR' })).toBe(
      '€33.90 per user/month',
    );
  });

  it('still shows the figure for a currency code Intl does not know', () => {
    expect(formatMonthlyPrice({ monthlyAmount: 12, currency: 'XX1' })).toBe(
      '12.00 XX1 per user/month',
    );
  });

  it('formats a list with mixed currencies, each in its own', () => {
    const shown = [
      { monthlyAmount: 36, currency: 'USD' },
      { monthlyAmount: 10, currency: 'GBP' },
      { monthlyAmount: 8, currency: 'XX1' },
      { monthlyAmount: 57, currency: 'USD' },
    ].map(formatMonthlyPrice);
    expect(shown).toEqual([
      '$36.00 per user/month',
      '£10.00 per user/month',
      '8.00 XX1 per user/month',
      '$57.00 per user/month',
    ]);
  });
});
