import { CachedDirectory, type DirectoryCacheTimes } from '../../app/caching/cached-directory.ts';
import { CachedPriceList } from '../../app/caching/cached-price-list.ts';
import { ConversationSaveMemo } from '../../app/caching/conversation-save-memo.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Directory } from '../../app/ports/directory.ts';
import type { CosmosStore } from '../../store/index.ts';

/**
 * What every turn reads and changes slowly, kept briefly (see app/caching): seat counts and the
 * organization, the price list, conversations saved. Planning and runs read Graph directly.
 */
export function readCaches(
  directory: Directory,
  store: CosmosStore,
  clock: Clock,
  times?: DirectoryCacheTimes,
) {
  return {
    directory: new CachedDirectory(directory, clock, times),
    // Prices saved through it show at once on this instance (others: within 30 s).
    prices: new CachedPriceList(store.prices, clock),
    conversations: new ConversationSaveMemo(store.conversations, clock),
  };
}

export type ReadCaches = ReturnType<typeof readCaches>;
