import { describe } from 'vitest';
import { CosmosScheduleStore, MemoryScheduleStore } from '../../src/store/index.ts';
import { scheduleStoreContract } from './contracts/schedule-store-contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// The schedule store's contract, run against Cosmos (the in-process server on 127.0.0.1, port 0,
// started and stopped by `useEmbeddedStore`) and memory: the memory store that unit tests use
// must lose ETag races exactly as the Cosmos one does.
describe('schedule repositories', () => {
  const store = useEmbeddedStore();

  scheduleStoreContract(
    'CosmosScheduleStore',
    () => new CosmosScheduleStore(store().containers.schedules),
  );
  scheduleStoreContract('MemoryScheduleStore', () => new MemoryScheduleStore());
});
