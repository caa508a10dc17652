import { describe, expect, it } from 'vitest';
import { CachedPriceList } from '../../../src/app/caching/cached-price-list.ts';
import type { SkuPrice } from '../../../src/app/ports/stores.ts';
import { MemoryPriceStore } from '../../../src/store/memory/memory-price-store.ts';
import { ManualClock } from './manual-clock.ts';

class CountingPrices extends MemoryPriceStore {
  lists = 0;

  override list(tenantId: string): Promise<SkuPrice[]> {
    this.lists += 1;
    return super.list(tenantId);
  }
}

const e3At = (monthlyAmount: number, tenantId = 't1'): SkuPrice => ({
  tenantId,
  skuId: 'sku-e3',
  monthlyAmount,
  currency: 'USD',
  updatedAt: '2026-11-23T09:00:00.000Z',
});

describe('the price list kept for the licenses view', () => {
  it('reads each tenant’s list once in 30 seconds', async () => {
    const clock = new ManualClock();
    const store = new CountingPrices();
    await store.save(e3At(36));
    const prices = new CachedPriceList(store, clock);
    await Promise.all(Array.from({ length: 10 }, () => prices.list('t1')));
    clock.advance(29_000);
    expect(await prices.list('t1')).toEqual([e3At(36)]);
    expect(store.lists).toBe(1);
    clock.advance(1_000);
    await prices.list('t1');
    expect(store.lists).toBe(2);
  });

  it('shows a price an admin saved through it at once', async () => {
    const store = new CountingPrices();
    const first = await store.save(e3At(36));
    const prices = new CachedPriceList(store, new ManualClock());
    expect(await prices.list('t1')).toEqual([e3At(36)]);
    await prices.save(e3At(39), first.etag);
    expect(await prices.list('t1')).toEqual([e3At(39)]);
  });

  it('shows the stored list again after a save that failed', async () => {
    const store = new CountingPrices();
    await store.save(e3At(36));
    const prices = new CachedPriceList(store, new ManualClock());
    await prices.list('t1');
    await expect(prices.save(e3At(39), '"stale"')).rejects.toThrow(/changed by someone else/);
    await prices.list('t1');
    expect(store.lists).toBe(2);
  });

  it('keeps tenants apart', async () => {
    const store = new CountingPrices();
    await store.save(e3At(36, 't1'));
    await store.save(e3At(20, 't2'));
    const prices = new CachedPriceList(store, new ManualClock());
    expect(await prices.list('t1')).toEqual([e3At(36, 't1')]);
    expect(await prices.list('t2')).toEqual([e3At(20, 't2')]);
  });
});
