import { skuDisplayName } from '../catalogue/display-names.ts';
import { resolveName } from '../catalogue/resolve-name.ts';
import type { Sku } from '../licensing.ts';
import type { LicenseTemplate } from './license-template.ts';

/** What "assign <this> to …" names: a template or a SKU. */
export type LicenseChoice =
  { kind: 'template'; template: LicenseTemplate } | { kind: 'sku'; sku: Sku };

/** The template or SKU an admin meant, several to choose from, or none (with a "did you mean"). */
export type LicenseResolution =
  | { kind: 'found'; choice: LicenseChoice }
  | { kind: 'ambiguous'; candidates: LicenseChoice[] }
  | { kind: 'unknown'; suggestion?: LicenseChoice };

/**
 * Resolves the license word of an assign command against the tenant's templates and SKUs
 * together, so "Executive" finds the template and "E5" the SKU, and a word that fits both asks.
 */
export function resolveLicense(
  input: string,
  templates: readonly LicenseTemplate[],
  skus: readonly Sku[],
): LicenseResolution {
  const resolution = resolveName<LicenseChoice>(input, [
    ...templates.map((template) => ({
      item: { kind: 'template' as const, template },
      id: template.id,
      codes: [],
      titles: [template.name],
    })),
    ...skus.map((sku) => ({
      item: { kind: 'sku' as const, sku },
      id: sku.skuId,
      codes: [sku.skuPartNumber],
      titles: [skuDisplayName(sku)],
    })),
  ]);
  return resolution.kind === 'found' ? { kind: 'found', choice: resolution.item } : resolution;
}
