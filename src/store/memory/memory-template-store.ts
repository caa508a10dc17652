import type { Result } from '../../domain/errors.ts';
import type { LicenseTemplate } from '../../domain/templates/license-template.ts';
import type {
  StoredTemplate,
  TemplateNameTaken,
  TemplateStore,
} from '../../app/ports/template-store.ts';
import { ConcurrencyConflictError } from '../../app/ports/stores.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { storedTemplateSchema } from '../operation-documents.ts';
import { nameTakenMessage, templateNameKey } from '../template-names.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `TemplateStore` in memory; passes the same contract suite as `CosmosTemplateStore`. */
export class MemoryTemplateStore implements TemplateStore {
  readonly #templates = new VersionedMap<StoredTemplate>();
  readonly #seededTenants = new Set<string>();

  list(tenantId: string): Promise<Versioned<StoredTemplate>[]> {
    return Promise.resolve(
      this.#of(tenantId).sort((a, b) =>
        templateNameKey(a.value.name).localeCompare(templateNameKey(b.value.name)),
      ),
    );
  }

  get(tenantId: string, id: string): Promise<Versioned<StoredTemplate> | null> {
    return Promise.resolve(this.#templates.get(key(tenantId, id)));
  }

  create(template: StoredTemplate): Promise<Result<Versioned<StoredTemplate>, TemplateNameTaken>> {
    return settle(() => {
      const valid = storedTemplateSchema.parse(template);
      if (this.#nameHeldByOther(valid)) {
        return taken(valid.name);
      }
      return { ok: true, value: this.#templates.create(key(valid.tenantId, valid.id), valid) };
    });
  }

  update(
    template: StoredTemplate,
    etag: string,
  ): Promise<Result<Versioned<StoredTemplate>, TemplateNameTaken>> {
    return settle(() => {
      const valid = storedTemplateSchema.parse(template);
      if (this.#nameHeldByOther(valid)) {
        return taken(valid.name);
      }
      return {
        ok: true,
        value: this.#templates.replace(key(valid.tenantId, valid.id), valid, etag),
      };
    });
  }

  delete(tenantId: string, id: string, etag: string): Promise<boolean> {
    return settle(() => this.#templates.delete(key(tenantId, id), etag));
  }

  async seedDefaults(
    tenantId: string,
    templates: readonly LicenseTemplate[],
    now: Date,
  ): Promise<{ seeded: number }> {
    if (this.#seededTenants.has(tenantId)) {
      return { seeded: 0 };
    }
    let seeded = 0;
    for (const template of templates) {
      if ((await this.get(tenantId, template.id)) === null) {
        const created = await this.create({
          ...template,
          tenantId,
          updatedAt: now.toISOString(),
        }).catch((error: unknown) => {
          // Another call seeding at the same time wrote it first.
          if (error instanceof ConcurrencyConflictError) {
            return { ok: false as const };
          }
          throw error;
        });
        seeded += created.ok ? 1 : 0;
      }
    }
    this.#seededTenants.add(tenantId);
    return { seeded };
  }

  #of(tenantId: string): Versioned<StoredTemplate>[] {
    return this.#templates.values().filter((item) => item.value.tenantId === tenantId);
  }

  #nameHeldByOther(template: StoredTemplate): boolean {
    const name = templateNameKey(template.name);
    return this.#of(template.tenantId).some(
      (item) => item.value.id !== template.id && templateNameKey(item.value.name) === name,
    );
  }
}

const key = (tenantId: string, id: string): string => `${tenantId}\n${id}`;

const taken = (name: string): Result<never, TemplateNameTaken> => ({
  ok: false,
  failure: { code: 'TEMPLATE_NAME_TAKEN', message: nameTakenMessage(name) },
});
