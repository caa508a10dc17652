import type { ServicePlanId, Sku } from '../licensing.ts';
import { resolvePlan, type PlanResolution } from './resolve-sku.ts';

/** Every plan word found in the SKU, or the first word that was not, with what it resolved to. */
export type PlanListResolution =
  | { ok: true; planIds: ServicePlanId[] }
  | { ok: false; word: string; resolution: Exclude<PlanResolution, { kind: 'found' }> };

/**
 * Resolves the plans of "without Teams, Sway" or "disable Teams for …" within one SKU. The
 * first word that is unknown or ambiguous stops it, so the admin is asked about that word.
 */
export function resolvePlanList(
  planWords: readonly string[],
  sku: Pick<Sku, 'servicePlans'>,
): PlanListResolution {
  const planIds: ServicePlanId[] = [];
  for (const word of planWords) {
    const resolution = resolvePlan(word, sku);
    if (resolution.kind !== 'found') {
      return { ok: false, word, resolution };
    }
    if (!planIds.includes(resolution.plan.servicePlanId)) {
      planIds.push(resolution.plan.servicePlanId);
    }
  }
  return { ok: true, planIds };
}

/** The SKUs among `skus` that have a plan matching the word: where "disable Teams" may apply. */
export function skusWithPlan(planWord: string, skus: readonly Sku[]): Sku[] {
  return skus.filter((sku) => resolvePlan(planWord, sku).kind === 'found');
}
