import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CosmosTenantRegistry,
  MemoryTenantRegistry,
  openCosmosStore,
  StoredDocumentInvalidError,
} from '../../src/store/index.ts';
import { aTenant, tenantRegistryContract } from './contracts/tenant-registry-contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// The tenant registry's contract, run against Cosmos (the in-process server, started and stopped
// by `useEmbeddedStore`) and memory: the memory registry that unit tests use must refuse clashes
// and lose ETag races exactly as the Cosmos one does.
describe('tenant registries', () => {
  const store = useEmbeddedStore();

  tenantRegistryContract(
    'CosmosTenantRegistry',
    () => new CosmosTenantRegistry(store().containers.tenants),
  );
  tenantRegistryContract('MemoryTenantRegistry', () => new MemoryTenantRegistry());

  it('refuses a stored tenant that does not have the expected shape, naming it', async () => {
    // A database of its own: the broken document must not break the contract's listings.
    const own = await openCosmosStore(
      { kind: 'embedded', database: `test-${randomUUID()}` },
      { embedded: store().embedded! },
    );
    try {
      const tenant = aTenant();
      await own.containers.tenants.items.create({
        ...tenant,
        id: tenant.tenantId,
        credential: { kind: 'password' },
      });
      for (const read of [
        own.tenants.get(tenant.tenantId),
        own.tenants.findByName(tenant.name),
        own.tenants.list(),
      ]) {
        const error: unknown = await read.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoredDocumentInvalidError);
        expect((error as Error).message).toContain(tenant.tenantId);
        expect((error as Error).message).toContain('credential');
      }
    } finally {
      await own.close();
    }
  });
});
