import { describe, expect, it } from 'vitest';
import { PRICE_CHANGES_PAGE_SIZE, pricingUseCases } from '../../../src/app/prices/pricing.ts';
import { MEGAN, pricePorts } from './support.ts';

describe('the price use cases as the chat calls them', () => {
  it('pages the price history newest first, a card at a time', async () => {
    const ports = pricePorts();
    const pricing = pricingUseCases(ports);
    for (let cents = 1; cents <= PRICE_CHANGES_PAGE_SIZE + 2; cents += 1) {
      ports.clock.advance(60_000);
      const set = await pricing.set(MEGAN, {
        sku: { typed: 'SPE_E5' },
        amount: `57.${String(cents).padStart(2, '0')}`,
        currency: 'USD',
      });
      expect(set.ok).toBe(true);
    }
    const first = await pricing.changes('t1');
    expect(first.items).toHaveLength(PRICE_CHANGES_PAGE_SIZE);
    expect(first.items[0]?.after.monthlyAmount).toBe(57.12);
    const second = await pricing.changes('t1', first.continuationToken);
    expect(second.items.map((change) => change.after.monthlyAmount)).toEqual([57.02, 57.01]);
    expect(second.continuationToken).toBeUndefined();
    expect((await pricing.describe('t1', 1)).currencies).toEqual(['USD']);
  });
});
