import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { Result } from '../../domain/errors.ts';
import { availableSeats, type ServicePlan, type Sku } from '../../domain/licensing.ts';
import { findTemplateSku } from '../../domain/templates/expand-template.ts';
import type { LicenseTemplate } from '../../domain/templates/license-template.ts';

/** One product of a picked license, and whether each of its plans starts on. */
export interface PickedSku {
  sku: Sku;
  startsOn(plan: ServicePlan): boolean;
}

/** The license picked on the form: a product, or a template with the products it assigns. */
export interface PickedLicense {
  kind: 'sku' | 'template';
  /** What the request names: the SKU id or the template id, both resolved exactly. */
  word: string;
  /** How messages name it ("Microsoft 365 E5", "the template Executive"). */
  name: string;
  /** How the form's heading names it, kind first. */
  label: string;
  skus: PickedSku[];
}

const SKU = 'sku:';
const TEMPLATE = 'template:';

/** The id of a plan toggle on the form: product and plan by their technical names. */
export const planToggleId = (sku: Sku, plan: ServicePlan): string =>
  `plan:${sku.skuPartNumber}:${plan.servicePlanName}`;

const sentenceStart = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const productOnly = (sku: Sku): boolean => sku.appliesTo === 'User';

function seatsText(sku: Sku): string {
  const free = availableSeats(sku);
  return free > 0 ? `${free} of ${sku.prepaidUnits.enabled} seats free` : 'no seats free';
}

/**
 * What the license list offers: the templates first (they are how the organisation prefers to
 * license people), then every product users can hold with its free seats. The prefix tells an
 * admin which is which, since a choice list has no headings.
 */
export function licenseChoices(
  skus: readonly Sku[],
  templates: readonly LicenseTemplate[],
): { title: string; value: string }[] {
  const byName = <T extends { title: string }>(a: T, b: T) => a.title.localeCompare(b.title);
  return [
    ...templates
      .map((template) => ({
        title: `Template: ${template.name} (${template.licenses
          .map((license) => skuDisplayName(license.skuPartNumber))
          .join(', ')})`,
        value: `${TEMPLATE}${template.id}`,
      }))
      .sort(byName),
    ...skus
      .filter(productOnly)
      .map((sku) => ({
        title: `Product: ${skuDisplayName(sku)} · ${seatsText(sku)}`,
        value: `${SKU}${sku.skuId}`,
      }))
      .sort(byName),
  ];
}

function pickTemplate(
  template: LicenseTemplate,
  skus: readonly Sku[],
): Result<PickedLicense, string> {
  const picked: PickedSku[] = [];
  for (const license of template.licenses) {
    const sku = findTemplateSku(skus, license.skuPartNumber);
    if (sku === undefined) {
      return {
        ok: false,
        failure: `The template "${template.name}" uses ${skuDisplayName(license.skuPartNumber)}, which this tenant does not have: pick another license.`,
      };
    }
    const enabled = license.enabledPlans;
    picked.push({
      sku,
      startsOn: (plan) =>
        enabled === 'all' ||
        enabled.some((name) => name.toUpperCase() === plan.servicePlanName.toUpperCase()),
    });
  }
  return {
    ok: true,
    value: {
      kind: 'template',
      word: template.id,
      name: `the template ${template.name}`,
      label: `Template: ${template.name}`,
      skus: picked,
    },
  };
}

/** The license a choice value names, in this tenant now; a stale or forged value is refused. */
export function pickLicense(
  value: string,
  skus: readonly Sku[],
  templates: readonly LicenseTemplate[],
): Result<PickedLicense, string> {
  const gone = 'That license is not offered in this tenant any more: pick another.';
  if (value.startsWith(SKU)) {
    const sku = skus.find((candidate) => candidate.skuId === value.slice(SKU.length));
    return sku && productOnly(sku)
      ? {
          ok: true,
          value: {
            kind: 'sku',
            word: sku.skuId,
            name: skuDisplayName(sku),
            label: `Product: ${skuDisplayName(sku)}`,
            skus: [{ sku, startsOn: () => true }],
          },
        }
      : { ok: false, failure: gone };
  }
  if (value.startsWith(TEMPLATE)) {
    const template = templates.find((candidate) => candidate.id === value.slice(TEMPLATE.length));
    return template ? pickTemplate(template, skus) : { ok: false, failure: gone };
  }
  return { ok: false, failure: 'Pick a license or a template.' };
}

/** The plans a submitted form leaves off (plan ids for `without`), or why it is refused. */
export function plansLeftOff(
  picked: PickedLicense,
  submitted: Readonly<Record<string, unknown>>,
): Result<string[], string> {
  const toggles = new Map(
    picked.skus.flatMap((entry) =>
      entry.sku.servicePlans.map(
        (plan) => [planToggleId(entry.sku, plan), { entry, plan }] as const,
      ),
    ),
  );
  for (const [key, value] of Object.entries(submitted)) {
    if (!key.startsWith('plan:')) {
      continue;
    }
    if (!toggles.has(key)) {
      return {
        ok: false,
        failure: `"${key.slice('plan:'.length)}" is not a service plan of ${picked.name}. Nothing was sent: check the plans and send again.`,
      };
    }
    if (value !== 'true' && value !== 'false') {
      return {
        ok: false,
        failure: `A plan switch said "${String(value).slice(0, 40)}": switches are on or off.`,
      };
    }
  }
  // Turned off here while the license starts with it on: what `without` names.
  const off = new Map<string, ServicePlan>();
  const on = new Set<string>();
  for (const [key, { entry, plan }] of toggles) {
    const sent = submitted[key];
    const isOn = sent === undefined ? entry.startsOn(plan) : sent === 'true';
    if (isOn && !entry.startsOn(plan)) {
      return {
        ok: false,
        failure: `${sentenceStart(picked.name)} keeps ${planDisplayName(plan)} off in ${skuDisplayName(entry.sku)}. To turn it on, pick ${skuDisplayName(entry.sku)} itself, or ask a license admin to change the template.`,
      };
    }
    if (isOn) {
      on.add(plan.servicePlanId);
    } else if (entry.startsOn(plan)) {
      off.set(plan.servicePlanId, plan);
    }
  }
  if (on.size === 0) {
    return {
      ok: false,
      failure: 'Leave at least one service plan on: a license with none gives nothing.',
    };
  }
  // `without` leaves a plan off in every product of a template that has it: all or none.
  const split = [...off.values()].find((plan) => on.has(plan.servicePlanId));
  if (split) {
    return {
      ok: false,
      failure: `${planDisplayName(split)} is in more than one license of ${picked.name}: turn it off in all of them or in none.`,
    };
  }
  return { ok: true, value: [...off.keys()] };
}
