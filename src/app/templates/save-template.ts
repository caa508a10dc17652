import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { Result } from '../../domain/errors.ts';
import { findTemplateSku } from '../../domain/templates/expand-template.ts';
import {
  licenseTemplateSchema,
  type LicenseTemplate,
  type TemplateLicense,
} from '../../domain/templates/license-template.ts';
import type { Caller } from '../identity/caller.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import type { StoredTemplate } from '../ports/template-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/** A template as an approver filled in the form: the SKUs by part number and the plans left on. */
export interface TemplateDraft {
  /** Absent for a new template. */
  id?: string;
  name: string;
  description?: string;
  licenses: { skuPartNumber: string; enabledPlans: string[] }[];
}

/** Why a save or a delete did nothing, in an approver's words. */
export interface TemplateRefusal {
  code:
    | 'TEMPLATE_NAME_TAKEN'
    | 'TEMPLATE_CHANGED'
    | 'TEMPLATE_GONE'
    | 'TEMPLATE_INVALID'
    | 'TEMPLATE_NOT_ALLOWED';
  message: string;
}

const refuse = (code: TemplateRefusal['code'], message: string) =>
  ({ ok: false, failure: { code, message } }) as const;

const notAllowed = () =>
  refuse('TEMPLATE_NOT_ALLOWED', 'Only license admins can change templates.');

const changedMessage = (name: string) =>
  `Someone changed "${name}" after you opened it, so I saved nothing. Open it again to see their version.`;

/**
 * The stored form of a draft: a SKU with every plan on is saved as 'all' (so plans Microsoft adds
 * later come on too), and the SKU's plans are stamped so `templateDrift` can tell what changed.
 */
function toTemplate(
  draft: TemplateDraft,
  id: string,
  skus: Parameters<typeof findTemplateSku>[0],
): Result<LicenseTemplate, TemplateRefusal> {
  const licenses: TemplateLicense[] = [];
  for (const license of draft.licenses) {
    const sku = findTemplateSku(skus, license.skuPartNumber);
    if (sku === undefined) {
      return refuse('TEMPLATE_INVALID', 'That license is no longer in this tenant: pick another.');
    }
    const plans = sku.servicePlans.map((plan) => plan.servicePlanName);
    const on = plans.filter((plan) => license.enabledPlans.includes(plan));
    if (on.length === 0) {
      return refuse(
        'TEMPLATE_INVALID',
        `Leave at least one service plan on in ${skuDisplayName(sku)}.`,
      );
    }
    licenses.push({
      skuPartNumber: sku.skuPartNumber,
      enabledPlans: on.length === plans.length ? 'all' : on,
      knownPlans: plans,
    });
  }
  const parsed = licenseTemplateSchema.safeParse({
    id,
    name: draft.name.trim().replace(/\s+/g, ' '),
    ...(draft.description ? { description: draft.description } : {}),
    licenses,
  });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : refuse('TEMPLATE_INVALID', 'A template needs a name (up to 80 characters) and a license.');
}

/**
 * Creates a template, or replaces one only if it is still the version the approver opened
 * (`etag`): a concurrent edit is refused, never overwritten. Approvers only.
 */
export async function saveTemplate(
  deps: Pick<RequestDependencies, 'directory' | 'templates' | 'clock' | 'newId'>,
  caller: Caller,
  draft: TemplateDraft,
  etag?: string,
): Promise<Result<Versioned<StoredTemplate>, TemplateRefusal>> {
  if (caller.role !== 'approver') {
    return notAllowed();
  }
  const built = toTemplate(
    draft,
    draft.id ?? deps.newId(),
    await deps.directory.forTenant(caller.tenantId).listSkus(),
  );
  if (!built.ok) {
    return built;
  }
  const stored: StoredTemplate = {
    ...built.value,
    tenantId: caller.tenantId,
    updatedAt: deps.clock.now().toISOString(),
  };
  try {
    const saved =
      draft.id === undefined
        ? await deps.templates.create(stored)
        : await deps.templates.update(stored, etag ?? '');
    return saved.ok ? saved : refuse('TEMPLATE_NAME_TAKEN', saved.failure.message);
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) {
      throw error;
    }
    const now = draft.id ? await deps.templates.get(caller.tenantId, draft.id) : null;
    return now === null && draft.id !== undefined
      ? refuse('TEMPLATE_GONE', `"${draft.name}" was deleted meanwhile: nothing saved.`)
      : refuse('TEMPLATE_CHANGED', changedMessage(draft.name));
  }
}

/** Deletes a template only if it is still the version the approver saw. */
export async function deleteTemplate(
  deps: Pick<RequestDependencies, 'directory' | 'templates' | 'clock' | 'newId'>,
  caller: Caller,
  id: string,
  etag: string,
): Promise<Result<{ name: string }, TemplateRefusal>> {
  if (caller.role !== 'approver') {
    return notAllowed();
  }
  const found = await deps.templates.get(caller.tenantId, id);
  if (found === null) {
    return refuse('TEMPLATE_GONE', 'That template was already deleted.');
  }
  if (found.etag !== etag) {
    return refuse('TEMPLATE_CHANGED', changedMessage(found.value.name));
  }
  try {
    const deleted = await deps.templates.delete(caller.tenantId, id, etag);
    return deleted
      ? { ok: true, value: { name: found.value.name } }
      : refuse('TEMPLATE_GONE', 'That template was already deleted.');
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return refuse('TEMPLATE_CHANGED', changedMessage(found.value.name));
    }
    throw error;
  }
}
