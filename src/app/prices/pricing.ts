import type { Result } from '../../domain/errors.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { Caller } from '../identity/caller.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
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

/** Binds each price use case to the ports it needs. */
export function pricingUseCases(ports: PricingPorts): Pricing {
  return {
    describe: (tenantId, page) => describePrices(ports, tenantId, page),
    find: (tenantId, skuId) => findPricedSku(ports, tenantId, skuId),
    set: (caller, asked) => setPrice(ports, caller, asked),
    importCsv: (caller, csv) => importPrices(ports, caller, csv),
    changes: (tenantId, continuationToken) =>
      ports.priceHistory.list(tenantId, {
        pageSize: PRICE_CHANGES_PAGE_SIZE,
        ...(continuationToken ? { continuationToken } : {}),
      }),
  };
}
