import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openCosmosStore } from '../../../src/store/index.ts';
import type { CosmosStore } from '../../../src/store/index.ts';

/**
 * Starts one in-process Cosmos-compatible server and opens the store on it for the whole test
 * file, closing both after. Tests keep apart by using a fresh tenant (partition) each.
 */
export function useEmbeddedStore(): () => CosmosStore {
  let store: CosmosStore | undefined;
  beforeAll(async () => {
    store = await openCosmosStore({ kind: 'embedded', database: `test-${randomUUID()}` });
  });
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (store === undefined) {
      throw new Error('The embedded store is not open yet.');
    }
    return store;
  };
}

/** A tenant id no other test uses. */
export const freshTenant = (): string => `tenant-${randomUUID()}`;
