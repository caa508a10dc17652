import { templateDrift, type TemplateDrift } from '../../domain/templates/template-drift.ts';
import type { Directory } from '../ports/directory.ts';
import type { StoredTemplate, TemplateStore } from '../ports/template-store.ts';
import { pageOf, type Page } from '../views/paging.ts';

/** One template as the templates card lists it: its ETag for Delete, and how its SKUs drifted. */
export interface TemplateListing {
  template: StoredTemplate;
  etag: string;
  drift: TemplateDrift[];
}

/**
 * Templates per page: one can name several products with long plan lists and a 500-character
 * description, so eight keep the card well under the 28 KB Teams accepts.
 */
export const TEMPLATES_PAGE_SIZE = 8;

/**
 * A page of the tenant's templates by name, each with where its SKUs gained or lost plans since
 * it was saved (worked out for the page shown only).
 */
export async function describeTemplates(
  deps: { directory: Pick<Directory, 'listSkus'>; templates: Pick<TemplateStore, 'list'> },
  tenantId: string,
  page = 1,
): Promise<Page<TemplateListing>> {
  const [stored, skus] = await Promise.all([
    deps.templates.list(tenantId),
    deps.directory.listSkus(),
  ]);
  const sorted = [...stored].sort((a, b) => a.value.name.localeCompare(b.value.name));
  const shown = pageOf(sorted, page, TEMPLATES_PAGE_SIZE);
  return {
    ...shown,
    items: shown.items.map(({ value, etag }) => ({
      template: value,
      etag,
      drift: templateDrift(value, skus),
    })),
  };
}
