import type { ServicePlan, Sku } from '../licensing.ts';
import { planFriendlyNames } from './plan-names.ts';
import { skuFriendlyNames } from './sku-names.ts';

/** The product name an admin knows ("Microsoft 365 E3"), or the part number when not listed. */
export function skuDisplayName(sku: string | Pick<Sku, 'skuPartNumber'>): string {
  const partNumber = typeof sku === 'string' ? sku : sku.skuPartNumber;
  return skuFriendlyNames[partNumber.toUpperCase()] ?? partNumber;
}

/** The plan name an admin knows ("Microsoft Teams"), or the plan name when not listed. */
export function planDisplayName(plan: string | Pick<ServicePlan, 'servicePlanName'>): string {
  const name = typeof plan === 'string' ? plan : plan.servicePlanName;
  return planFriendlyNames[name.toUpperCase()] ?? name;
}
