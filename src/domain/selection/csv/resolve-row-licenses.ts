import { resolvePlanList, skusWithPlan } from '../../catalogue/resolve-plan-list.ts';
import { resolveSku, type SkuResolution } from '../../catalogue/resolve-sku.ts';
import type { ServicePlanId, Sku, SkuId } from '../../licensing.ts';
import { planWordProblem, skuWordProblem } from './license-word-problems.ts';
import { rowProblem, type SelectionRow, type SelectionRowProblem } from './selection-sheet.ts';

/** A row whose license and plans are the tenant's: what to assign, with what disabled. */
export interface LicensedRow extends SelectionRow {
  skuId: SkuId;
  disabledPlanIds: ServicePlanId[];
}

export interface LicensedRows {
  rows: LicensedRow[];
  problems: SelectionRowProblem[];
}

const NO_LICENSE =
  'No license on this row and none in the message: add a LicenseSKU column, or name the license (`assign E5 from this file`).';

/**
 * Resolves each row's license word (or, for a row without one, `defaultLicense`, the license the
 * message names) to one of the tenant's SKUs, and its plan words to plans of that SKU. A word is
 * resolved once however many rows repeat it. Rows that cannot be resolved become problems:
 * `unknown SKU`, `unknown plan`, `plan not in SKU` (a plan of another of the tenant's SKUs), or
 * `malformed` when neither the row nor the message names a license.
 */
export function resolveRowLicenses(
  rows: readonly SelectionRow[],
  skus: readonly Sku[],
  defaultLicense?: string,
): LicensedRows {
  const skuWords = new Map<string, SkuResolution>();
  const planLists = new Map<string, ReturnType<typeof resolvePlanList>>();
  const licensed: LicensedRow[] = [];
  const problems: SelectionRowProblem[] = [];
  for (const row of rows) {
    const word = row.license ?? defaultLicense?.trim();
    if (word === undefined || word === '') {
      problems.push(rowProblem(row.line, 'malformed', NO_LICENSE));
      continue;
    }
    const skuKey = word.toLowerCase();
    const sku = skuWords.get(skuKey) ?? resolveSku(word, skus);
    skuWords.set(skuKey, sku);
    if (sku.kind !== 'found') {
      problems.push(rowProblem(row.line, 'unknown SKU', skuWordProblem(word, sku)));
      continue;
    }
    const planKey = [sku.sku.skuId, ...row.disabledPlans].join('\n').toLowerCase();
    const plans = planLists.get(planKey) ?? resolvePlanList(row.disabledPlans, sku.sku);
    planLists.set(planKey, plans);
    if (!plans.ok) {
      const notInSku =
        plans.resolution.kind === 'unknown' && skusWithPlan(plans.word, skus).length > 0;
      problems.push(
        rowProblem(
          row.line,
          notInSku ? 'plan not in SKU' : 'unknown plan',
          planWordProblem(plans.word, sku.sku, plans.resolution, notInSku),
        ),
      );
      continue;
    }
    licensed.push({ ...row, skuId: sku.sku.skuId, disabledPlanIds: plans.planIds });
  }
  return { rows: licensed, problems };
}
