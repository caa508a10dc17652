import { describe, expect, it } from 'vitest';
import { freshTenant, useEmbeddedStore } from './support/embedded-store.ts';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

describe('prices container', () => {
  const store = useEmbeddedStore();

  it('still lists and reads a price written before prices had a type', async () => {
    const tenantId = freshTenant();
    await store().containers.prices.items.create({
      id: E3,
      tenantId,
      skuId: E3,
      monthlyAmount: 36,
      currency: 'USD',
      updatedAt: '2026-11-01T10:00:00.000Z',
    });
    const legacy = {
      tenantId,
      skuId: E3,
      monthlyAmount: 36,
      currency: 'USD',
      updatedAt: '2026-11-01T10:00:00.000Z',
    };
    expect(await store().prices.list(tenantId)).toEqual([legacy]);
    expect((await store().prices.get(tenantId, E3))?.value).toEqual(legacy);
  });
});
