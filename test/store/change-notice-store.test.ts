import { describe } from 'vitest';
import { MemoryChangeNoticeStore } from '../../src/store/index.ts';
import { changeNoticeStoreContract } from './contracts/change-notice-store.contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// How far each operation's changes were told: one contract, Cosmos (in-process) and memory.
describe('change notices', () => {
  const store = useEmbeddedStore();

  changeNoticeStoreContract('CosmosChangeNoticeStore', () => store().notices);
  changeNoticeStoreContract('MemoryChangeNoticeStore', () => new MemoryChangeNoticeStore());
});
