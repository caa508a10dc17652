import type { Caller } from '../../../src/app/identity/caller.ts';
import type { PriceChange } from '../../../src/app/ports/price-history.ts';
import { MemoryPriceHistory } from '../../../src/store/memory/memory-price-history.ts';
import { MemoryPriceStore } from '../../../src/store/memory/memory-price-store.ts';
import { tenantSkus } from '../../domain/fixtures/tenant.ts';
import { ManualClock } from '../caching/manual-clock.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

export const MEGAN: Caller = {
  tenantId: 't1',
  userId: 'megan',
  displayName: 'Megan Bowen',
  userPrincipalName: 'meganb@contoso.com',
  role: 'approver',
};

export const ALEX: Caller = {
  ...MEGAN,
  userId: 'alex',
  displayName: 'Alex Wilber',
  role: 'requester',
};

/** A price history whose next `failures` writes fail, as a store that went away would. */
export class FlakyPriceHistory extends MemoryPriceHistory {
  failures = 0;

  override record(change: PriceChange): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('store unavailable'));
    }
    return super.record(change);
  }
}

/** The ports of the price use cases, in memory, over the domain fixtures' tenant. */
export function pricePorts() {
  return {
    directory: new MemoryDirectory({ skus: tenantSkus }),
    prices: new MemoryPriceStore(),
    priceHistory: new FlakyPriceHistory(),
    clock: new ManualClock(),
  };
}

/** Every change recorded for the tenant, newest first. */
export async function changesOf(history: MemoryPriceHistory, tenantId = 't1') {
  return (await history.list(tenantId, { pageSize: 1_000 })).items;
}
