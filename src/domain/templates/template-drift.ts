import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type { Sku } from '../licensing.ts';
import { findTemplateSku } from './expand-template.ts';
import type { LicenseTemplate } from './license-template.ts';

/** How one SKU of a template no longer matches the tenant's SKU. */
export interface TemplateDrift {
  skuPartNumber: string;
  /** The tenant does not have this SKU (any more, or ever: a seeded template names it). */
  missingSku: boolean;
  /** Plans the template knew or turns on that the SKU no longer has. */
  lostPlans: string[];
  /** Plans the SKU has now that the template did not know: off under an enabled-plans list. */
  gainedPlans: string[];
  /** One sentence for the templates card. */
  message: string;
}

const same = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();
const names = (plans: string[]): string => plans.map((plan) => planDisplayName(plan)).join(', ');

/**
 * Says where a template's SKUs lost or gained service plans since it was saved (Microsoft adds
 * and retires plans in products), so an approver can review it. Empty when all is as saved.
 */
export function templateDrift(template: LicenseTemplate, skus: readonly Sku[]): TemplateDrift[] {
  return template.licenses.flatMap((license): TemplateDrift[] => {
    const sku = findTemplateSku(skus, license.skuPartNumber);
    const product = skuDisplayName(license.skuPartNumber);
    if (sku === undefined) {
      return [
        {
          skuPartNumber: license.skuPartNumber,
          missingSku: true,
          lostPlans: [],
          gainedPlans: [],
          // Without known plans the template never met this SKU here: a seeded one the tenant
          // did not buy, rather than a product it dropped.
          message:
            license.knownPlans === undefined
              ? `This tenant does not have ${product}: assigning this template is refused until it is edited or the product bought.`
              : `${product} is no longer in this tenant.`,
        },
      ];
    }
    const current = sku.servicePlans.map((plan) => plan.servicePlanName);
    const expected = [
      ...(license.knownPlans ?? []),
      ...(license.enabledPlans === 'all' ? [] : license.enabledPlans),
    ];
    const lostPlans = [...new Set(expected)].filter(
      (name) => !current.some((plan) => same(plan, name)),
    );
    const gainedPlans =
      license.knownPlans === undefined
        ? []
        : current.filter((plan) => !license.knownPlans!.some((name) => same(plan, name)));
    if (lostPlans.length === 0 && gainedPlans.length === 0) {
      return [];
    }
    const parts = [
      lostPlans.length > 0 ? `no longer has ${names(lostPlans)}` : '',
      gainedPlans.length > 0
        ? `now also has ${names(gainedPlans)}${license.enabledPlans === 'all' ? ' (on)' : ' (off in this template)'}`
        : '',
    ].filter((part) => part !== '');
    return [
      {
        skuPartNumber: license.skuPartNumber,
        missingSku: false,
        lostPlans,
        gainedPlans,
        message: `${product} ${parts.join(' and ')}.`,
      },
    ];
  });
}
