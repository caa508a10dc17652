import { describe } from 'vitest';
import { MemoryAlertSnapshotStore, MemoryAlertSubscriptionStore } from '../../src/store/index.ts';
import { alertSnapshotStoreContract } from './contracts/alert-snapshot-store.contract.ts';
import { alertSubscriptionStoreContract } from './contracts/alert-subscription-store.contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// The `alerts` container's stores, each contract run against Cosmos (the in-process server) and memory.
describe('alert repositories', () => {
  const store = useEmbeddedStore();

  alertSubscriptionStoreContract('CosmosAlertSubscriptionStore', () => store().alertSubscriptions);
  alertSubscriptionStoreContract(
    'MemoryAlertSubscriptionStore',
    () => new MemoryAlertSubscriptionStore(),
  );
  alertSnapshotStoreContract('CosmosAlertSnapshotStore', () => store().alertSnapshots);
  alertSnapshotStoreContract('MemoryAlertSnapshotStore', () => new MemoryAlertSnapshotStore());
});
