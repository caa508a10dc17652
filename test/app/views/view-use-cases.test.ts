import { describe, expect, it } from 'vitest';
import { instancePerTenant, sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { SkuHolders } from '../../../src/app/ports/sku-holders.ts';
import { viewUseCases } from '../../../src/app/views/view-use-cases.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { E3, priceStore } from './fixtures.ts';

const adele = {
  id: 'u-adele',
  displayName: 'Adele Vance',
  userPrincipalName: 'adele@contoso.com',
  usageLocation: 'US',
  accountEnabled: true,
  licenseAssignmentStates: [],
};

const noHolders: SkuHolders = {
  // eslint-disable-next-line require-yield
  async *listHolders() {
    await Promise.resolve();
  },
  countHolders: () => Promise.resolve(0),
};

describe('the view use cases', () => {
  it("read each tenant's own directory", async () => {
    const tenants = { contoso: new MemoryDirectory({ skus: [E3], users: [adele] }) };
    const views = viewUseCases({
      directory: instancePerTenant(
        (tenantId) => tenants[tenantId as keyof typeof tenants] ?? new MemoryDirectory({}),
      ),
      prices: priceStore([]),
      skuHolders: sameForEveryTenant(noHolders),
    });

    expect((await views.user('contoso', 'adele@contoso.com')).kind).toBe('found');
    expect((await views.user('fabrikam', 'adele@contoso.com')).kind).toBe('none');
    expect((await views.licenses('contoso')).skus.items.map((sku) => sku.partNumber)).toEqual([
      'SPE_E3',
    ]);
  });
});
