import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { TemplateLicense } from '../../domain/templates/license-template.ts';
import type { TemplatesCardData } from '../cards/card-data.ts';
import { pagerOf } from '../cards/pager.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

// A product can have fifty plans: the card names the first few, so a page stays under 28 KB.
const PLANS_NAMED = 10;

function licenseLine(license: TemplateLicense): string {
  const product = skuDisplayName(license.skuPartNumber);
  if (license.enabledPlans === 'all') {
    return `${product}: all service plans on`;
  }
  const named = license.enabledPlans.slice(0, PLANS_NAMED).map((plan) => planDisplayName(plan));
  const more = license.enabledPlans.length - named.length;
  return `${product}: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * The templates card at a page: the tenant's templates by name, with what each turns on and
 * where its SKUs drifted; approvers also get Edit, Delete and New.
 */
export async function templatesCard(
  turn: CommandTurn,
  title = 'License templates',
  page = 1,
): Promise<Reply> {
  const { deps, caller } = turn;
  const shown = await deps.templates.describe(caller.tenantId, page);
  const canEdit = caller.role === 'approver';
  const data: TemplatesCardData = {
    title,
    empty: shown.total === 0,
    canEdit,
    templates: shown.items.map(({ template, etag, drift }) => ({
      id: template.id,
      etag,
      name: template.name,
      description: template.description ?? '',
      licenses: template.licenses.map(licenseLine),
      drift: drift.map((line) => line.message),
      canEdit,
    })),
    pager: pagerOf(shown, 'templates'),
  };
  return { card: renderCard('templates', data) };
}
