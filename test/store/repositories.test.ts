import { describe } from 'vitest';
import {
  MemoryConversationStore,
  MemoryPriceHistory,
  MemoryPriceStore,
  MemoryUserPreferencesStore,
} from '../../src/store/index.ts';
import { conversationStoreContract } from './contracts/conversation-store.contract.ts';
import { priceHistoryContract } from './contracts/price-history.contract.ts';
import { priceStoreContract } from './contracts/price-store.contract.ts';
import { userPreferencesStoreContract } from './contracts/user-preferences-store.contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// One contract per port, run against each implementation: the memory stores that unit tests use
// must behave like the Cosmos ones, ETag conflicts included.
describe('repositories', () => {
  const store = useEmbeddedStore();

  conversationStoreContract('CosmosConversationStore', () => store().conversations);
  conversationStoreContract('MemoryConversationStore', () => new MemoryConversationStore());
  userPreferencesStoreContract('CosmosUserPreferencesStore', () => store().preferences);
  userPreferencesStoreContract(
    'MemoryUserPreferencesStore',
    () => new MemoryUserPreferencesStore(),
  );
  priceStoreContract('CosmosPriceStore', () => store().prices);
  priceStoreContract('MemoryPriceStore', () => new MemoryPriceStore());
  priceHistoryContract('CosmosPriceHistory', () => ({
    history: store().priceHistory,
    prices: store().prices,
  }));
  priceHistoryContract('MemoryPriceHistory', () => ({
    history: new MemoryPriceHistory(),
    prices: new MemoryPriceStore(),
  }));
});
