import type { LicenseTemplate } from '../../domain/templates/license-template.ts';
import { withKnownPlans } from '../../domain/templates/expand-template.ts';
import type { Directory } from '../ports/directory.ts';
import type { TemplateStore } from '../ports/template-store.ts';

/**
 * Writes the seeded templates once per tenant, each SKU's plan names as the tenant has them
 * today recorded, so the templates card can later say when Microsoft added or retired a plan, as
 * it does for templates an approver saved. A SKU the tenant lacks is left unstamped: the card
 * says the tenant does not have it.
 */
export async function seedTemplates(
  deps: { directory: Pick<Directory, 'listSkus'>; templates: TemplateStore },
  tenantId: string,
  templates: readonly LicenseTemplate[],
  now: Date,
): Promise<{ seeded: number }> {
  const skus = await deps.directory.listSkus();
  return deps.templates.seedDefaults(
    tenantId,
    templates.map((template) => withKnownPlans(template, skus)),
    now,
  );
}
