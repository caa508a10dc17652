import type { Result } from '../../domain/errors.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { Caller } from '../identity/caller.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { Page } from '../ports/paging.ts';
import type { PriceChange, PriceHistory } from '../ports/price-history.ts';
import type { PriceStore } from '../ports/stores.ts';
import { importPrices, type PriceImportReport } from './import-prices.ts';
import type { PriceRefusal } from './price-refusal.ts';
import { describePrices, findPricedSku, type PricedSku, type PricesView } from './prices-view.ts';
import type { PriceSaved } from './save-price.ts';
import { setPrice, type PriceAsked } from './set-price.ts';

/** Changes per page of the price history card. */
export const PRICE_CHANGES_PAGE_SIZE = 10;

/** The price table's use cases as the chat calls them, built once by the composition root. */
export interface Pricing {
  describe(tenantId: string, page: number): Promise<PricesView>;
  find(tenantId: string, skuId: string): Promise<PricedSku | null>;
  set(caller: Caller, asked: PriceAsked): Promise<Result<PriceSaved & { sku: Sku }, PriceRefusal>>;
  importCsv(caller: Caller, csv: string): Promise<Result<PriceImportReport, PriceRefusal>>;
  /** A page of the tenant's price changes, newest first. */
  changes(tenantId: string, continuationToken?: string): Promise<Page<PriceChange>>;
}

/** What the price use cases work with. */
export interface PricingPorts {
  directory: Pick<Directory, 'listSkus'>;
  /** Through the cache the views read, so a saved price shows at once on this instance. */
  prices: PriceStore;
  priceHistory: PriceHistory;
  clock: Pick<Clock, 'now'>;
}

/**
 * Binds each price use case to the ports it needs. With `directories`, each tenant's SKUs are
 * read in its own directory (`directory` is then unused): a price is only ever set for a SKU
 * the tenant has.
 */
export function pricingUseCases(
  ports: PricingPorts & { directories?: PerTenant<Pick<Directory, 'listSkus'>> },
): Pricing {
  const of = (tenantId: string): PricingPorts =>
    ports.directories ? { ...ports, directory: ports.directories.forTenant(tenantId) } : ports;
  return {
    describe: (tenantId, page) => describePrices(of(tenantId), tenantId, page),
    find: (tenantId, skuId) => findPricedSku(of(tenantId), tenantId, skuId),
    set: (caller, asked) => setPrice(of(caller.tenantId), caller, asked),
    importCsv: (caller, csv) => importPrices(of(caller.tenantId), caller, csv),
    changes: (tenantId, continuationToken) =>
      ports.priceHistory.list(tenantId, {
        pageSize: PRICE_CHANGES_PAGE_SIZE,
        ...(continuationToken ? { continuationToken } : {}),
      }),
  };
}
