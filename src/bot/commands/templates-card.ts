import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { templateDrift } from '../../domain/templates/template-drift.ts';
import type { TemplateLicense } from '../../domain/templates/license-template.ts';
import type { TemplatesCardData } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

function licenseLine(license: TemplateLicense): string {
  const product = skuDisplayName(license.skuPartNumber);
  return license.enabledPlans === 'all'
    ? `${product}: all service plans on`
    : `${product}: ${license.enabledPlans.map((plan) => planDisplayName(plan)).join(', ')}`;
}

/** The templates card: every template of the tenant, by name, with what it turns on and drift. */
export async function templatesCard(
  turn: CommandTurn,
  title = 'License templates',
): Promise<Reply> {
  const { deps, caller } = turn;
  const [stored, skus] = await Promise.all([
    deps.requests.templates.list(caller.tenantId),
    deps.directory.listSkus(),
  ]);
  const canEdit = caller.role === 'approver';
  const templates = stored
    .map(({ value, etag }) => ({ value, etag }))
    .sort((a, b) => a.value.name.localeCompare(b.value.name));
  const data: TemplatesCardData = {
    title,
    empty: templates.length === 0,
    canEdit,
    templates: templates.map(({ value, etag }) => ({
      id: value.id,
      etag,
      name: value.name,
      description: value.description ?? '',
      licenses: value.licenses.map(licenseLine),
      drift: templateDrift(value, skus).map((drift) => drift.message),
      canEdit,
    })),
  };
  return { card: renderCard('templates', data) };
}
