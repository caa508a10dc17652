import { describe, expect, it } from 'vitest';
import type { PriceChange, PriceHistory } from '../../../src/app/ports/price-history.ts';
import type { PriceStore } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

const change = (tenantId: string, revision: number, at: string): PriceChange => ({
  id: `price-change:${E3}:${revision}`,
  tenantId,
  skuId: E3,
  skuPartNumber: 'SPE_E3',
  before: revision === 1 ? null : { monthlyAmount: 30 + revision, currency: 'USD' },
  after: { monthlyAmount: 31 + revision, currency: 'USD' },
  by: { userId: 'megan', displayName: 'Megan Bowen' },
  via: revision % 2 === 0 ? 'csv' : 'chat',
  at,
});

async function readAll(history: PriceHistory, tenantId: string): Promise<PriceChange[]> {
  const changes: PriceChange[] = [];
  let token: string | undefined;
  do {
    const page = await history.list(tenantId, {
      pageSize: 2,
      ...(token !== undefined && { continuationToken: token }),
    });
    changes.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return changes;
}

/**
 * What every `PriceHistory` must do, whatever keeps the data; `prices` is the price store that
 * shares its storage (the same container in Cosmos), so neither lists the other's items.
 */
export function priceHistoryContract(
  name: string,
  make: () => { history: PriceHistory; prices: PriceStore },
): void {
  describe(`${name} as a price history`, () => {
    it('lists the changes newest first, page by page', async () => {
      const { history } = make();
      const tenantId = freshTenant();
      await history.record(change(tenantId, 1, '2026-11-01T10:00:00.000Z'));
      await history.record(change(tenantId, 3, '2026-11-03T10:00:00.000Z'));
      await history.record(change(tenantId, 2, '2026-11-02T10:00:00.000Z'));
      const first = await history.list(tenantId, { pageSize: 2 });
      expect(first.items.map((item) => item.id)).toEqual([
        `price-change:${E3}:3`,
        `price-change:${E3}:2`,
      ]);
      expect(first.continuationToken).toBeDefined();
      expect(await readAll(history, tenantId)).toEqual([
        change(tenantId, 3, '2026-11-03T10:00:00.000Z'),
        change(tenantId, 2, '2026-11-02T10:00:00.000Z'),
        change(tenantId, 1, '2026-11-01T10:00:00.000Z'),
      ]);
    });

    it('records a change written twice once (a retry after a lost answer)', async () => {
      const { history } = make();
      const tenantId = freshTenant();
      await history.record(change(tenantId, 1, '2026-11-01T10:00:00.000Z'));
      await history.record(change(tenantId, 1, '2026-11-01T10:00:00.000Z'));
      expect(await readAll(history, tenantId)).toHaveLength(1);
    });

    it("keeps tenants apart, and changes out of the price table's list", async () => {
      const { history, prices } = make();
      const tenantId = freshTenant();
      await history.record(change(tenantId, 1, '2026-11-01T10:00:00.000Z'));
      await history.record(change(freshTenant(), 1, '2026-11-01T10:00:00.000Z'));
      await prices.save({
        tenantId,
        skuId: E3,
        monthlyAmount: 32,
        currency: 'USD',
        updatedAt: '2026-11-01T10:00:00.000Z',
      });
      expect(await readAll(history, tenantId)).toHaveLength(1);
      expect((await prices.list(tenantId)).map((price) => price.monthlyAmount)).toEqual([32]);
    });

    it('answers an empty page for a tenant without changes', async () => {
      expect(await make().history.list(freshTenant())).toEqual({ items: [] });
    });
  });
}
