import { describe, expect, it } from 'vitest';
import {
  MAX_MONTHLY_PRICE,
  parseCurrencyCode,
  parseMonthlyAmount,
} from '../../../src/domain/prices/price-input.ts';

describe('a typed monthly price', () => {
  it.each([
    ['36', 36],
    ['33.90', 33.9],
    [' 0 ', 0],
    ['57.5', 57.5],
    [String(MAX_MONTHLY_PRICE), MAX_MONTHLY_PRICE],
  ])('reads %j as %d', (typed, amount) => {
    expect(parseMonthlyAmount(typed)).toEqual({ ok: true, value: amount });
  });

  it.each([
    ['', 'Give the monthly price per user'],
    ['-5', 'is negative'],
    ['36.005', 'more than 2 decimals'],
    ['36,50', 'write digits with a dot before the cents'],
    ['$36', 'is not a price'],
    ['1e3', 'is not a price'],
    ['36.', 'is not a price'],
    ['100000.01', 'more than 100,000 a month per user'],
  ])('refuses %j: %s', (typed, reason) => {
    const parsed = parseMonthlyAmount(typed);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.failure).toMatchObject({ code: 'PRICE_AMOUNT_INVALID' });
    expect(!parsed.ok && parsed.failure.message).toContain(reason);
  });
});

describe('a typed currency', () => {
  it.each([
    ['USD', 'USD'],
    ['eur', 'EUR'],
    [' gbp ', 'GBP'],
  ])('reads %j as %s', (typed, code) => {
    expect(parseCurrencyCode(typed)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['', 'Give the currency as its 3-letter code'],
    ['US$', 'is not a currency code'],
    ['Euro', 'is not a currency code'],
    ['XYZ', 'is not a currency I know'],
  ])('refuses %j: %s', (typed, reason) => {
    const parsed = parseCurrencyCode(typed);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.failure).toMatchObject({ code: 'PRICE_CURRENCY_INVALID' });
    expect(!parsed.ok && parsed.failure.message).toContain(reason);
  });
});
