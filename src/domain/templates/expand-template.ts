import { skuDisplayName } from '../catalogue/display-names.ts';
import type { LicensingFailure, Result } from '../errors.ts';
import type { ServicePlanId, Sku } from '../licensing.ts';
import type { LicenseTemplate } from './license-template.ts';

/** The tenant's SKU with a template's part number, compared without case. */
export const findTemplateSku = (skus: readonly Sku[], partNumber: string): Sku | undefined =>
  skus.find((sku) => sku.skuPartNumber.toUpperCase() === partNumber.toUpperCase());

/**
 * A template as the licenses to assign in this tenant: each SKU with the plans to disable (every
 * plan not listed as enabled). A plan the template names but the SKU no longer has is ignored
 * here and reported by `templateDrift`; a SKU the tenant lacks refuses the template.
 */
export function expandTemplate(
  template: LicenseTemplate,
  skus: readonly Sku[],
): Result<{ sku: Sku; disabledPlanIds: ServicePlanId[] }[], LicensingFailure> {
  const licenses: { sku: Sku; disabledPlanIds: ServicePlanId[] }[] = [];
  for (const license of template.licenses) {
    const sku = findTemplateSku(skus, license.skuPartNumber);
    if (sku === undefined) {
      return {
        ok: false,
        failure: {
          code: 'SKU_NOT_FOUND',
          message: `The template "${template.name}" uses ${skuDisplayName(license.skuPartNumber)}, which this tenant does not have. Edit the template or buy the product.`,
          retryable: false,
        },
      };
    }
    const enabled = license.enabledPlans;
    const disabledPlanIds =
      enabled === 'all'
        ? []
        : sku.servicePlans
            .filter(
              (plan) =>
                !enabled.some((name) => name.toUpperCase() === plan.servicePlanName.toUpperCase()),
            )
            .map((plan) => plan.servicePlanId);
    licenses.push({ sku, disabledPlanIds });
  }
  return { ok: true, value: licenses };
}

/** The template with each SKU's current plan names recorded, as saved after a review. */
export function withKnownPlans(template: LicenseTemplate, skus: readonly Sku[]): LicenseTemplate {
  return {
    ...template,
    licenses: template.licenses.map((license) => {
      const sku = findTemplateSku(skus, license.skuPartNumber);
      return sku === undefined
        ? license
        : { ...license, knownPlans: sku.servicePlans.map((plan) => plan.servicePlanName) };
    }),
  };
}
