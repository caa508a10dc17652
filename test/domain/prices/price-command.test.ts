import { describe, expect, it } from 'vitest';
import { parsePriceCommand, priceExample } from '../../../src/domain/prices/price-command.ts';

describe('price <SKU> <amount> <currency>', () => {
  it.each([
    ['E5 57 USD', { sku: 'E5', amount: '57', currency: 'USD' }],
    ['"Microsoft 365 E3" 36.00 EUR', { sku: 'Microsoft 365 E3', amount: '36.00', currency: 'EUR' }],
    ['Microsoft 365 E3 36.00 eur', { sku: 'Microsoft 365 E3', amount: '36.00', currency: 'eur' }],
    ['“Power BI Pro”  14 USD', { sku: 'Power BI Pro', amount: '14', currency: 'USD' }],
    ['SPE_E5 USD 57', { sku: 'SPE_E5', amount: '57', currency: 'USD' }],
    ['SPE_E5 57 5', { sku: 'SPE_E5', amount: '57', currency: '5' }],
    ['SPE_E5 USD EUR', { sku: 'SPE_E5', amount: 'USD', currency: 'EUR' }],
  ])('reads %j', (typed, words) => {
    expect(parsePriceCommand(typed)).toEqual({ ok: true, value: words });
  });

  it.each(['', 'E5', 'E5 57', '"" 57 USD'])('asks for all three words in %j', (typed) => {
    expect(parsePriceCommand(typed)).toEqual({
      ok: false,
      failure: {
        code: 'PRICE_COMMAND_INCOMPLETE',
        message: 'Say which license, its monthly price per user and the currency.',
        example: priceExample,
      },
    });
  });
});
