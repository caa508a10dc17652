import { z } from 'zod';
import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { findTemplateSku } from '../../domain/templates/expand-template.ts';
import type { TemplateFormCardData, TemplatePlansCardData } from '../cards/card-data.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CardAction, CommandTurn, Reply } from '../routing/command.ts';
import { templatesCard } from './templates-card.ts';

const optional = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => (value ? value : undefined));
const reference = z.object({ templateId: optional, etag: optional });
const skuList = z
  .string()
  .max(2_000)
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );
const formInput = reference.extend({
  name: z.string().max(200).default(''),
  description: z.string().max(500).default(''),
  skus: skuList.default([]),
});
// The plan toggles come as `plan:<SKU part number>:<plan name>` = "true" | "false".
const saveInput = formInput.catchall(z.unknown());
const deleteInput = z.object({
  templateId: z.string().trim().min(1).max(200),
  etag: z.string().min(1).max(200),
});

const planKey = (sku: string, plan: string) => `plan:${sku}:${plan}`;

/** Step 1: name and licenses, filled from the stored template when editing (its ETag kept). */
async function openForm(turn: CommandTurn, templateId: string | undefined): Promise<Reply> {
  const { deps, caller } = turn;
  const [found, skus] = await Promise.all([
    templateId ? deps.templates.get(caller.tenantId, templateId) : null,
    deps.views.skus(caller.tenantId),
  ]);
  if (templateId && found === null) {
    return { text: 'That template was deleted meanwhile. Type `templates` to see the others.' };
  }
  const data: TemplateFormCardData = {
    title: found ? `Edit template: ${found.value.name}` : 'New template',
    templateId: found?.value.id ?? '',
    etag: found?.etag ?? '',
    name: found?.value.name ?? '',
    description: found?.value.description ?? '',
    skus: (found?.value.licenses ?? [])
      .map((license) => findTemplateSku(skus, license.skuPartNumber)?.skuPartNumber)
      .filter((part) => part !== undefined)
      .join(','),
    choices: skus
      .filter((sku) => sku.appliesTo === 'User')
      .map((sku) => ({ title: skuDisplayName(sku), value: sku.skuPartNumber }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  };
  return { card: renderCard('template-form', data) };
}

/** Step 2: a toggle per plan of each chosen SKU, on as the template had it (all on when new). */
async function openPlans(turn: CommandTurn, input: z.infer<typeof formInput>): Promise<Reply> {
  const { deps, caller } = turn;
  if (input.name.trim() === '' || input.skus.length === 0) {
    return { text: 'Give the template a name and pick at least one license.' };
  }
  const [found, skus] = await Promise.all([
    input.templateId ? deps.templates.get(caller.tenantId, input.templateId) : null,
    deps.views.skus(caller.tenantId),
  ]);
  const chosen = input.skus.map((part) => findTemplateSku(skus, part));
  if (chosen.some((sku) => sku === undefined)) {
    return { text: 'One of those licenses is no longer in this tenant: pick again.' };
  }
  const data: TemplatePlansCardData = {
    title: 'Service plans to turn on',
    templateId: input.templateId ?? '',
    etag: input.etag ?? '',
    name: input.name.trim(),
    description: input.description,
    skus: input.skus.join(','),
    licenses: chosen.map((sku) => {
      const saved = found?.value.licenses.find(
        (license) => license.skuPartNumber.toUpperCase() === sku!.skuPartNumber.toUpperCase(),
      );
      const on = (plan: string) =>
        !saved || saved.enabledPlans === 'all' || saved.enabledPlans.includes(plan);
      return {
        product: skuDisplayName(sku!),
        plans: sku!.servicePlans.map((plan) => ({
          id: planKey(sku!.skuPartNumber, plan.servicePlanName),
          title: planDisplayName(plan),
          value: on(plan.servicePlanName) ? 'true' : 'false',
        })),
      };
    }),
  };
  return { card: renderCard('template-plans', data) };
}

async function save(turn: CommandTurn, input: z.infer<typeof saveInput>): Promise<Reply> {
  const saved = await turn.deps.templates.save(
    turn.caller,
    {
      ...(input.templateId ? { id: input.templateId } : {}),
      name: input.name,
      ...(input.description.trim() ? { description: input.description.trim() } : {}),
      licenses: input.skus.map((sku) => ({
        skuPartNumber: sku,
        enabledPlans: Object.entries(input)
          .filter(([key, value]) => key.startsWith(`plan:${sku}:`) && value === 'true')
          .map(([key]) => key.slice(`plan:${sku}:`.length)),
      })),
    },
    input.etag,
  );
  return saved.ok
    ? templatesCard(turn, `Saved "${saved.value.value.name}". License templates`)
    : { text: saved.failure.message };
}

/** New, Edit (two steps), Save and Delete on the templates card; approvers only. */
export const templateActions: CardAction[] = [
  {
    verb: 'template-edit',
    role: 'approver',
    data: reference,
    handle: (turn, input: z.infer<typeof reference>) => openForm(turn, input.templateId),
  } satisfies CardAction<z.infer<typeof reference>>,
  {
    verb: 'template-plans',
    role: 'approver',
    data: formInput,
    handle: openPlans,
  } satisfies CardAction<z.infer<typeof formInput>>,
  {
    verb: 'template-save',
    role: 'approver',
    data: saveInput,
    handle: save,
  } satisfies CardAction<z.infer<typeof saveInput>>,
  {
    verb: 'template-delete',
    role: 'approver',
    data: deleteInput,
    handle: async (turn, input: z.infer<typeof deleteInput>) => {
      const deleted = await turn.deps.templates.delete(turn.caller, input.templateId, input.etag);
      return deleted.ok
        ? templatesCard(turn, `Deleted "${deleted.value.name}". License templates`)
        : { text: deleted.failure.message };
    },
  } satisfies CardAction<z.infer<typeof deleteInput>>,
] as CardAction[];
