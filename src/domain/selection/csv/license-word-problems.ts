import type { PlanResolution, SkuResolution } from '../../catalogue/resolve-sku.ts';
import type { Sku } from '../../licensing.ts';

/** Why a license word names none of the tenant's SKUs, or several. */
export function skuWordProblem(
  word: string,
  resolution: Exclude<SkuResolution, { kind: 'found' }>,
): string {
  if (resolution.kind === 'ambiguous') {
    const names = resolution.candidates.map((sku) => sku.skuPartNumber).join(' or ');
    return `"${word}" could be ${names}: give the part number.`;
  }
  const near = resolution.suggestion
    ? ` (did you mean ${resolution.suggestion.skuPartNumber}?)`
    : '';
  return `"${word}" is not a license of this tenant${near}.`;
}

/** Why a plan word names no plan of the row's SKU, or several. */
export function planWordProblem(
  word: string,
  sku: Sku,
  resolution: Exclude<PlanResolution, { kind: 'found' }>,
  inOtherSkus: boolean,
): string {
  if (resolution.kind === 'ambiguous') {
    const names = resolution.candidates.map((plan) => plan.servicePlanName).join(' or ');
    return `"${word}" could be ${names} in ${sku.skuPartNumber}: give the plan name.`;
  }
  if (inOtherSkus) {
    return `"${word}" is not a plan of ${sku.skuPartNumber}: only its own plans can be disabled.`;
  }
  const near = resolution.suggestion
    ? ` (did you mean ${resolution.suggestion.servicePlanName}?)`
    : '';
  return `"${word}" is not a service plan of ${sku.skuPartNumber}${near}.`;
}
