import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { availableSeats, type CapabilityStatus } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import type { PriceStore } from '../ports/stores.ts';
import { formatMonthlyPrice } from '../../domain/prices/money.ts';
import { pageOf, type Page } from './paging.ts';
import { seatWarning } from './seat-warning.ts';

/** One subscription as the `licenses` card shows it. */
export interface SkuAvailability {
  skuId: string;
  name: string;
  partNumber: string;
  used: number;
  total: number;
  available: number;
  status: CapabilityStatus;
  warning?: string;
  price?: string;
}

export interface LicensesView {
  organisation: string;
  skus: Page<SkuAvailability>;
  warningCount: number;
}

const PAGE_SIZE = 15;

/**
 * The tenant's subscriptions with seats used and left, warnings first, then by name. Prices
 * come from what the admins recorded; a SKU without one shows none rather than a guess.
 */
export async function describeLicenses(
  deps: { directory: Directory; prices: Pick<PriceStore, 'list'> },
  tenantId: string,
  page = 1,
): Promise<LicensesView> {
  const [organisation, skus, prices] = await Promise.all([
    deps.directory.getOrganization(),
    deps.directory.listSkus(),
    deps.prices.list(tenantId),
  ]);
  const priceBySku = new Map(prices.map((price) => [price.skuId, price]));
  const lines = skus
    .filter((sku) => sku.capabilityStatus !== 'Deleted' || sku.consumedUnits > 0)
    .map((sku): SkuAvailability => {
      const available = availableSeats(sku);
      const warning = seatWarning(sku.prepaidUnits.enabled, available, sku.capabilityStatus);
      return {
        skuId: sku.skuId,
        name: skuDisplayName(sku),
        partNumber: sku.skuPartNumber,
        used: sku.consumedUnits,
        total: sku.prepaidUnits.enabled,
        available,
        status: sku.capabilityStatus,
        ...(warning ? { warning } : {}),
      };
    })
    .sort(
      (a, b) =>
        Number(b.warning !== undefined) - Number(a.warning !== undefined) ||
        a.name.localeCompare(b.name),
    );
  // Prices are formatted for the page shown only, not for every subscription of the tenant.
  const shown = pageOf(lines, page, PAGE_SIZE);
  const withPrice = (line: SkuAvailability): SkuAvailability => {
    const price = priceBySku.get(line.skuId);
    return price ? { ...line, price: formatMonthlyPrice(price) } : line;
  };
  return {
    organisation: organisation.displayName,
    skus: { ...shown, items: shown.items.map(withPrice) },
    warningCount: lines.filter((line) => line.warning !== undefined).length,
  };
}
