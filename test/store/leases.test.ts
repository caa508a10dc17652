import { describe } from 'vitest';
import { MemoryLeaseStore } from '../../src/store/index.ts';
import { leaseStoreContract } from './contracts/lease-store.contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// The same lease contract against Cosmos (the in-process server) and memory.
describe('leases', () => {
  const store = useEmbeddedStore();

  leaseStoreContract('CosmosLeaseStore', () => store().leases);
  leaseStoreContract('MemoryLeaseStore', () => new MemoryLeaseStore());
});
