import { describe, expect, it } from 'vitest';
import { savePrice } from '../../../src/app/prices/save-price.ts';
import { ConcurrencyConflictError, type SkuPrice } from '../../../src/app/ports/stores.ts';
import { e5 } from '../../domain/fixtures/tenant.ts';
import { changesOf, MEGAN, pricePorts } from './support.ts';

const usd = (monthlyAmount: number) => ({ monthlyAmount, currency: 'USD' });

describe('saving a price', () => {
  it('saves the price and records the change: old → new, who, when, how', async () => {
    const ports = pricePorts();
    const first = await savePrice(ports, MEGAN, e5, usd(54), 'chat');
    ports.clock.advance(60_000);
    const second = await savePrice(ports, MEGAN, e5, usd(57), 'csv');
    expect(first).toMatchObject({ ok: true, value: { outcome: 'saved', before: null } });
    expect(second).toMatchObject({ ok: true, value: { outcome: 'saved', before: usd(54) } });
    expect((await ports.prices.get('t1', e5.skuId))?.value).toMatchObject({
      monthlyAmount: 57,
      currency: 'USD',
      revision: 2,
    });
    expect(await changesOf(ports.priceHistory)).toEqual([
      {
        id: `price-change:${e5.skuId}:2`,
        tenantId: 't1',
        skuId: e5.skuId,
        skuPartNumber: 'SPE_E5',
        before: usd(54),
        after: usd(57),
        by: { userId: 'megan', displayName: 'Megan Bowen' },
        via: 'csv',
        at: '2026-11-23T09:01:00.000Z',
      },
      expect.objectContaining({ id: `price-change:${e5.skuId}:1`, before: null, via: 'chat' }),
    ]);
  });

  it('changes nothing when the SKU already has that price', async () => {
    const ports = pricePorts();
    await savePrice(ports, MEGAN, e5, usd(57), 'chat');
    const again = await savePrice(ports, MEGAN, e5, usd(57), 'csv');
    expect(again).toMatchObject({ ok: true, value: { outcome: 'unchanged', before: usd(57) } });
    expect(await changesOf(ports.priceHistory)).toHaveLength(1);
  });

  it('counts a change of currency alone as a change', async () => {
    const ports = pricePorts();
    await savePrice(ports, MEGAN, e5, usd(57), 'chat');
    const euros = await savePrice(ports, MEGAN, e5, { monthlyAmount: 57, currency: 'EUR' }, 'chat');
    expect(euros).toMatchObject({ ok: true, value: { outcome: 'saved' } });
  });

  it('records a change whose record failed when the same save is tried again, once', async () => {
    const ports = pricePorts();
    ports.priceHistory.failures = 1;
    await expect(savePrice(ports, MEGAN, e5, usd(57), 'chat')).rejects.toThrow('store unavailable');
    // The price was written with its change; the record was not.
    expect((await ports.prices.get('t1', e5.skuId))?.value.monthlyAmount).toBe(57);
    expect(await changesOf(ports.priceHistory)).toEqual([]);
    const retried = await savePrice(ports, MEGAN, e5, usd(57), 'chat');
    expect(retried).toMatchObject({ ok: true, value: { outcome: 'unchanged' } });
    expect(await changesOf(ports.priceHistory)).toEqual([
      expect.objectContaining({ id: `price-change:${e5.skuId}:1`, after: usd(57) }),
    ]);
    // A later change records its own, the earlier one still once.
    await savePrice(ports, MEGAN, e5, usd(60), 'chat');
    expect((await changesOf(ports.priceHistory)).map((change) => change.after)).toEqual(
      expect.arrayContaining([usd(57), usd(60)]),
    );
    expect(await changesOf(ports.priceHistory)).toHaveLength(2);
  });

  it('reads again and goes on when another admin saved the SKU in between', async () => {
    const ports = pricePorts();
    await savePrice(ports, MEGAN, e5, usd(50), 'chat');
    let raced = false;
    const prices = {
      list: (tenantId: string) => ports.prices.list(tenantId),
      get: (tenantId: string, skuId: string) => ports.prices.get(tenantId, skuId),
      save: async (price: SkuPrice, etag?: string) => {
        if (!raced) {
          raced = true;
          // Patti's save lands between Megan's read and write.
          const current = await ports.prices.get('t1', e5.skuId);
          await ports.prices.save({ ...current!.value, monthlyAmount: 55 }, current!.etag);
        }
        return ports.prices.save(price, etag);
      },
    };
    const saved = await savePrice({ ...ports, prices }, MEGAN, e5, usd(57), 'chat');
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'saved' } });
    expect((await ports.prices.get('t1', e5.skuId))?.value.monthlyAmount).toBe(57);
  });

  it('gives up, saying so, when the SKU keeps changing under it', async () => {
    const ports = pricePorts();
    const prices = {
      list: (tenantId: string) => ports.prices.list(tenantId),
      get: (tenantId: string, skuId: string) => ports.prices.get(tenantId, skuId),
      save: () => Promise.reject(new ConcurrencyConflictError('changed')),
    };
    const saved = await savePrice({ ...ports, prices }, MEGAN, e5, usd(57), 'chat');
    expect(saved).toMatchObject({ ok: false, failure: { code: 'PRICE_BUSY' } });
  });
});
