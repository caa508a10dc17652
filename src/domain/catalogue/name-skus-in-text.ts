import type { Sku } from '../licensing.ts';
import { skuDisplayName } from './display-names.ts';

/**
 * Replaces every SKU id in a message with the product's name, so an admin reads "Power BI Pro"
 * where Graph's answer only carried `f8a1db68-…`. Ids of SKUs the tenant does not hold stay.
 */
export function nameSkusInText(
  text: string,
  skus: readonly Pick<Sku, 'skuId' | 'skuPartNumber'>[],
): string {
  return skus.reduce(
    (named, sku) =>
      named.replace(new RegExp(escapeForRegExp(sku.skuId), 'gi'), skuDisplayName(sku)),
    text,
  );
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
