import type { Sku } from '../../domain/licensing.ts';
import { findTemplateSku, withKnownPlans } from '../../domain/templates/expand-template.ts';
import type { LicenseTemplate } from '../../domain/templates/license-template.ts';
import type { Directory } from '../ports/directory.ts';
import { ConcurrencyConflictError } from '../ports/stores.ts';
import type { TemplateStore } from '../ports/template-store.ts';

/** The template with plans recorded for each SKU that has none yet and that the tenant has. */
function stampUnknown(template: LicenseTemplate, skus: readonly Sku[]): LicenseTemplate {
  return {
    ...template,
    licenses: template.licenses.map((license) => {
      const sku = findTemplateSku(skus, license.skuPartNumber);
      return license.knownPlans !== undefined || sku === undefined
        ? license
        : { ...license, knownPlans: sku.servicePlans.map((plan) => plan.servicePlanName) };
    }),
  };
}

/** What seeding did: templates written, templates given their plans, whether SKUs were read. */
export interface SeedOutcome {
  seeded: number;
  stamped: number;
  /** False when the tenant's SKUs could not be read: templates were seeded without plans. */
  skusRead: boolean;
}

/**
 * Writes the seeded templates once per tenant, each SKU's plan names as the tenant has them
 * today recorded, so the templates card can later say when Microsoft added or retired a plan, as
 * it does for templates an approver saved. A SKU the tenant lacks is left unstamped (the card says
 * the tenant does not have it) and is stamped at a later start once the tenant has it; seeded
 * templates stored before plans were recorded get theirs the same way. When Graph cannot be read
 * (down, throttling, consent not granted yet) the templates are seeded without plans, and a later
 * start stamps them: starting never waits on Graph.
 */
export async function seedTemplates(
  deps: { directory: Pick<Directory, 'listSkus'>; templates: TemplateStore },
  tenantId: string,
  templates: readonly LicenseTemplate[],
  now: Date,
): Promise<SeedOutcome> {
  const skus = await deps.directory.listSkus().catch(() => undefined);
  const { seeded } = await deps.templates.seedDefaults(
    tenantId,
    templates.map((template) => (skus ? withKnownPlans(template, skus) : template)),
    now,
  );
  if (skus === undefined) {
    return { seeded, stamped: 0, skusRead: false };
  }
  const seededIds = new Set(templates.map((template) => template.id));
  let stamped = 0;
  for (const { value, etag } of await deps.templates.list(tenantId)) {
    const stamp = stampUnknown(value, skus);
    if (!seededIds.has(value.id) || JSON.stringify(stamp) === JSON.stringify(value)) {
      continue;
    }
    try {
      // Only plans are added: the name is the template's own, so it cannot be taken.
      stamped += (await deps.templates.update({ ...value, ...stamp }, etag)).ok ? 1 : 0;
    } catch (error) {
      // An approver or another instance changed it meanwhile: theirs stands.
      if (!(error instanceof ConcurrencyConflictError)) {
        throw error;
      }
    }
  }
  return { seeded, stamped, skusRead: true };
}
