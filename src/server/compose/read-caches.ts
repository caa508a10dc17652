import { CachedDirectory, type DirectoryCacheTimes } from '../../app/caching/cached-directory.ts';
import { CachedPriceList } from '../../app/caching/cached-price-list.ts';
import { ConversationSaveMemo } from '../../app/caching/conversation-save-memo.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Directory } from '../../app/ports/directory.ts';
import { instancePerTenant, type PerTenant } from '../../app/ports/per-tenant.ts';
import type { CosmosStore } from '../../store/index.ts';

/**
 * What every turn reads and changes slowly, kept briefly (see app/caching): seat counts and the
 * organization, the price list, conversations saved. Planning and runs read Graph directly.
 */
export function readCaches(
  directories: PerTenant<Directory>,
  operatorTenantId: string,
  store: CosmosStore,
  clock: Clock,
  times?: DirectoryCacheTimes,
) {
  // Each tenant's reads are cached apart: one tenant's seat counts never answer for another's.
  const cached = instancePerTenant(
    (tenantId) => new CachedDirectory(directories.forTenant(tenantId), clock, times),
  );
  return {
    /** The operator's tenant's: what the health check and start-up read. */
    directory: cached.forTenant(operatorTenantId),
    directories: cached,
    // Prices saved through it show at once on this instance (others: within 30 s).
    prices: new CachedPriceList(store.prices, clock),
    conversations: new ConversationSaveMemo(store.conversations, clock),
  };
}

export type ReadCaches = ReturnType<typeof readCaches>;
