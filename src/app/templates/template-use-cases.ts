import type { Result } from '../../domain/errors.ts';
import type { Caller } from '../identity/caller.ts';
import type { Directory } from '../ports/directory.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { Versioned } from '../ports/stores.ts';
import type { StoredTemplate, TemplateStore } from '../ports/template-store.ts';
import type { Page } from '../views/paging.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import {
  deleteTemplate,
  saveTemplate,
  type TemplateDraft,
  type TemplateRefusal,
} from './save-template.ts';
import { describeTemplates, type TemplateListing } from './templates-view.ts';

/** License templates: the list with drift, one to edit, save and delete (approvers only). */
export interface TemplateUseCases {
  describe(tenantId: string, page?: number): Promise<Page<TemplateListing>>;
  get(tenantId: string, id: string): Promise<Versioned<StoredTemplate> | null>;
  save(
    caller: Caller,
    draft: TemplateDraft,
    etag?: string,
  ): Promise<Result<Versioned<StoredTemplate>, TemplateRefusal>>;
  delete(
    caller: Caller,
    id: string,
    etag: string,
  ): Promise<Result<{ name: string }, TemplateRefusal>>;
}

/**
 * The template use cases: `viewDirectory` (cached) names SKUs on the list, while saving stamps
 * plans from the directory as it is now.
 */
export function templateUseCases(
  deps: Pick<RequestDependencies, 'directory' | 'templates' | 'clock' | 'newId'> & {
    viewDirectory: PerTenant<Pick<Directory, 'listSkus'>>;
  },
): TemplateUseCases {
  const templates: TemplateStore = deps.templates;
  return {
    describe: (tenantId, page) =>
      describeTemplates(
        { directory: deps.viewDirectory.forTenant(tenantId), templates },
        tenantId,
        page,
      ),
    get: (tenantId, id) => templates.get(tenantId, id),
    save: (caller, draft, etag) => saveTemplate(deps, caller, draft, etag),
    delete: (caller, id, etag) => deleteTemplate(deps, caller, id, etag),
  };
}
