import { describe } from 'vitest';
import { MemoryRequestCardStore } from '../../src/store/index.ts';
import { requestCardStoreContract } from './contracts/request-card-store.contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// Where the copies of each request card went: one contract, Cosmos (in-process) and memory.
describe('request card copies', () => {
  const store = useEmbeddedStore();

  requestCardStoreContract('CosmosRequestCardStore', () => store().requestCards);
  requestCardStoreContract('MemoryRequestCardStore', () => new MemoryRequestCardStore());
});
