import { describe, expect, it } from 'vitest';
import { setPrice } from '../../../src/app/prices/set-price.ts';
import { e3, e5 } from '../../domain/fixtures/tenant.ts';
import { ALEX, MEGAN, pricePorts } from './support.ts';

describe('setting a price from the chat', () => {
  it('finds the license as other commands do, by name or part number', async () => {
    const ports = pricePorts();
    const typed = await setPrice(ports, MEGAN, {
      sku: { typed: 'Microsoft 365 E3' },
      amount: '36.00',
      currency: 'eur',
    });
    expect(typed).toMatchObject({
      ok: true,
      value: { outcome: 'saved', sku: { skuId: e3.skuId }, price: { currency: 'EUR' } },
    });
    const picked = await setPrice(ports, MEGAN, {
      sku: { skuId: e5.skuId.toUpperCase() },
      amount: '57',
      currency: 'USD',
    });
    expect(picked).toMatchObject({ ok: true, value: { sku: { skuPartNumber: 'SPE_E5' } } });
  });

  it('asks which one when the license could be several, naming their part numbers', async () => {
    const asked = await setPrice(pricePorts(), MEGAN, {
      sku: { typed: 'E5' },
      amount: '57',
      currency: 'USD',
    });
    expect(asked).toMatchObject({ ok: false, failure: { code: 'PRICE_SKU_AMBIGUOUS' } });
    expect(!asked.ok && asked.failure.message).toMatch(/\(SPE_E5\) or .*\(ENTERPRISEPREMIUM\)/);
  });

  it('says so when the license is not in the tenant, with the closest', async () => {
    const ports = pricePorts();
    const unknown = await setPrice(ports, MEGAN, {
      sku: { typed: 'SPE_E55' },
      amount: '57',
      currency: 'USD',
    });
    expect(unknown).toMatchObject({ ok: false, failure: { code: 'PRICE_SKU_UNKNOWN' } });
    expect(!unknown.ok && unknown.failure.message).toContain('Did you mean');
    const gone = await setPrice(ports, MEGAN, {
      sku: { skuId: 'gone' },
      amount: '1',
      currency: 'USD',
    });
    expect(gone).toMatchObject({ ok: false, failure: { code: 'PRICE_SKU_UNKNOWN' } });
  });

  it('reports a bad amount and a bad currency together, and saves nothing', async () => {
    const ports = pricePorts();
    const refused = await setPrice(ports, MEGAN, {
      sku: { typed: 'SPE_E5' },
      amount: '57,5',
      currency: 'dollars',
    });
    expect(refused).toMatchObject({ ok: false, failure: { code: 'PRICE_AMOUNT_INVALID' } });
    expect(!refused.ok && refused.failure.message).toMatch(/"57,5" is not a price.*"dollars"/);
    const badCurrency = await setPrice(ports, MEGAN, {
      sku: { typed: 'SPE_E5' },
      amount: '57',
      currency: 'XYZ',
    });
    expect(badCurrency).toMatchObject({ ok: false, failure: { code: 'PRICE_CURRENCY_INVALID' } });
    expect(await ports.prices.list('t1')).toEqual([]);
  });

  it('refuses a requester', async () => {
    const ports = pricePorts();
    const refused = await setPrice(ports, ALEX, {
      sku: { typed: 'SPE_E5' },
      amount: '57',
      currency: 'USD',
    });
    expect(refused).toMatchObject({ ok: false, failure: { code: 'PRICE_NOT_ALLOWED' } });
  });
});
