import type { ServicePlan, Sku } from '../licensing.ts';
import { nameKey, readNameLines } from './name-table.ts';
import { planNameLines, productNameLines } from './product-names.generated.ts';

interface NameMaps {
  products: ReadonlyMap<string, string>;
  plans: ReadonlyMap<string, string>;
}

// Module state, on purpose: Microsoft's table is immutable data, the same for every tenant
// and request, so it is read into maps once, on the first name shown, rather than at every
// start or on every call. Nothing writes to the maps after that.
let nameMaps: NameMaps | undefined;

function maps(): NameMaps {
  nameMaps ??= {
    products: readNameLines(productNameLines),
    plans: readNameLines(planNameLines),
  };
  return nameMaps;
}

/**
 * The product name Microsoft's licensing table gives a part number ("Microsoft 365 E3"), or the
 * part number itself for a product the table does not list, so a SKU never goes unnamed.
 */
export function skuDisplayName(sku: string | Pick<Sku, 'skuPartNumber'>): string {
  const partNumber = typeof sku === 'string' ? sku : sku.skuPartNumber;
  return maps().products.get(nameKey(partNumber)) ?? partNumber;
}

/**
 * The name Microsoft's licensing table gives a service plan ("Microsoft Teams" for TEAMS1), or
 * the plan name itself for a plan the table does not list.
 */
export function planDisplayName(plan: string | Pick<ServicePlan, 'servicePlanName'>): string {
  const name = typeof plan === 'string' ? plan : plan.servicePlanName;
  return maps().plans.get(nameKey(name)) ?? name;
}
