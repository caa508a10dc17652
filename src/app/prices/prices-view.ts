import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import type { PriceStore, SkuPrice } from '../ports/stores.ts';
import { pageOf, type Page } from '../views/paging.ts';

/** One subscribed SKU of the price table, with its price when it has one. */
export interface PricedSku {
  skuId: string;
  name: string;
  partNumber: string;
  price?: SkuPrice;
}

export interface PricesView {
  skus: Page<PricedSku>;
  /** The currencies the tenant's prices are in, in order: more than one are never added up. */
  currencies: string[];
  /** How many subscribed SKUs have no price. */
  unpriced: number;
}

const PAGE_SIZE = 15;

// A subscription ended and emptied is no longer the tenant's to price.
const subscribed = (sku: Sku): boolean =>
  sku.capabilityStatus !== 'Deleted' || sku.consumedUnits > 0;

/** Each subscribed SKU with its price, by product name (the price table's list). */
async function pricedSkus(
  deps: { directory: Pick<Directory, 'listSkus'>; prices: Pick<PriceStore, 'list'> },
  tenantId: string,
): Promise<PricedSku[]> {
  const [skus, prices] = await Promise.all([deps.directory.listSkus(), deps.prices.list(tenantId)]);
  const bySku = new Map(prices.map((price) => [price.skuId.toLowerCase(), price]));
  return skus
    .filter(subscribed)
    .map((sku): PricedSku => {
      const price = bySku.get(sku.skuId.toLowerCase());
      return {
        skuId: sku.skuId,
        name: skuDisplayName(sku),
        partNumber: sku.skuPartNumber,
        ...(price ? { price } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.partNumber.localeCompare(b.partNumber));
}

/**
 * The price table as approvers keep it: every subscribed SKU of the tenant by product name, with
 * its monthly price or none, a page at a time, and the currencies in use.
 */
export async function describePrices(
  deps: { directory: Pick<Directory, 'listSkus'>; prices: Pick<PriceStore, 'list'> },
  tenantId: string,
  page = 1,
): Promise<PricesView> {
  const skus = await pricedSkus(deps, tenantId);
  const currencies = [
    ...new Set(skus.flatMap((sku) => (sku.price ? [sku.price.currency] : []))),
  ].sort();
  return {
    skus: pageOf(skus, page, PAGE_SIZE),
    currencies,
    unpriced: skus.filter((sku) => sku.price === undefined).length,
  };
}

/** One subscribed SKU and its price, for the edit form; null when the tenant has no such SKU. */
export async function findPricedSku(
  deps: { directory: Pick<Directory, 'listSkus'>; prices: Pick<PriceStore, 'get'> },
  tenantId: string,
  skuId: string,
): Promise<PricedSku | null> {
  const sku = (await deps.directory.listSkus()).find(
    (candidate) => candidate.skuId.toLowerCase() === skuId.toLowerCase(),
  );
  if (sku === undefined) {
    return null;
  }
  const price = await deps.prices.get(tenantId, sku.skuId);
  return {
    skuId: sku.skuId,
    name: skuDisplayName(sku),
    partNumber: sku.skuPartNumber,
    ...(price ? { price: price.value } : {}),
  };
}
