import type { ServicePlan, Sku } from '../licensing.ts';
import { planDisplayName, skuDisplayName } from './display-names.ts';
import { resolveName } from './resolve-name.ts';

/** The tenant's SKU an admin meant, several to choose from, or none (with a "did you mean"). */
export type SkuResolution =
  | { kind: 'found'; sku: Sku }
  | { kind: 'ambiguous'; candidates: Sku[] }
  | { kind: 'unknown'; suggestion?: Sku };

/** The plan of a SKU an admin meant, several to choose from, or none (with a "did you mean"). */
export type PlanResolution =
  | { kind: 'found'; plan: ServicePlan }
  | { kind: 'ambiguous'; candidates: ServicePlan[] }
  | { kind: 'unknown'; suggestion?: ServicePlan };

/**
 * Finds the tenant's SKU from what an admin typed: skuId, part number ("SPE_E5"), product name
 * ("Microsoft 365 E5"), or a unique abbreviation ("E5", "m365 e3", "exchange plan 1").
 */
export function resolveSku(input: string, skus: readonly Sku[]): SkuResolution {
  const resolution = resolveName(
    input,
    skus.map((sku) => ({
      item: sku,
      id: sku.skuId,
      codes: [sku.skuPartNumber],
      titles: [skuDisplayName(sku)],
    })),
  );
  switch (resolution.kind) {
    case 'found':
      return { kind: 'found', sku: resolution.item };
    case 'ambiguous':
      return resolution;
    case 'unknown':
      return resolution;
  }
}

/**
 * Finds a service plan of one SKU from what an admin typed: plan id, plan name ("TEAMS1"),
 * friendly name ("Microsoft Teams"), or a unique part of it ("teams", "sharepoint").
 */
export function resolvePlan(input: string, sku: Pick<Sku, 'servicePlans'>): PlanResolution {
  const resolution = resolveName(
    input,
    sku.servicePlans.map((plan) => ({
      item: plan,
      id: plan.servicePlanId,
      codes: [plan.servicePlanName],
      titles: [planDisplayName(plan)],
    })),
  );
  switch (resolution.kind) {
    case 'found':
      return { kind: 'found', plan: resolution.item };
    case 'ambiguous':
      return resolution;
    case 'unknown':
      return resolution;
  }
}
