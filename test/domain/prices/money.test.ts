import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatMoneyChange,
  formatMonthlyPrice,
  isKnownCurrency,
} from '../../../src/domain/prices/money.ts';

describe('money', () => {
  it.each([
    [16074, 'USD', '$16,074.00'],
    [33.9, 'EUR', '€33.90'],
    [10, 'GBP', '£10.00'],
    [0, 'USD', '$0.00'],
    [1400, 'C0', '1,400.00 C0'],
    [12, 'XX1', '12.00 XX1'],
  ])('shows %d %s as %s', (amount, currency, shown) => {
    expect(formatMoney(amount, currency)).toBe(shown);
  });

  it.each([
    [57, 'USD', '+$57.00'],
    [-12.5, 'USD', '-$12.50'],
    [0, 'USD', '$0.00'],
    [100, 'C0', '+100.00 C0'],
  ])('shows a change of %d %s with its sign: %s', (delta, currency, shown) => {
    expect(formatMoneyChange(delta, currency)).toBe(shown);
  });

  it('shows a monthly price per seat', () => {
    expect(formatMonthlyPrice({ monthlyAmount: 57, currency: 'USD' })).toBe(
      '$57.00 per user/month',
    );
  });

  it('formats the same whatever was formatted before (its memo is only a cache)', () => {
    const codes = Array.from({ length: 450 }, (_, index) => `Z${index}`);
    expect(codes.map((code) => formatMoney(1, code))).toEqual(codes.map((code) => `1.00 ${code}`));
    expect(formatMoney(36, 'USD')).toBe('$36.00');
  });

  it('knows ISO 4217 codes, in upper case only', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('usd')).toBe(false);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
});
