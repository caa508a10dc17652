import type { Container } from '@azure/cosmos';
import type { Result } from '../domain/errors.ts';
import type { LicenseTemplate } from '../domain/templates/license-template.ts';
import type {
  StoredTemplate,
  TemplateNameTaken,
  TemplateStore,
} from '../app/ports/template-store.ts';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { parseDocument } from './documents.ts';
import {
  createOnce,
  createVersioned,
  deleteIfMatch,
  readVersioned,
  replaceIfMatch,
} from './etag-guard.ts';
import { toItemId } from './item-ids.ts';
import { storedTemplateSchema } from './operation-documents.ts';
import { queryAll } from './paging.ts';
import { nameTakenMessage, templateNameKey } from './template-names.ts';

type TemplateDocument = StoredTemplate & { id: string; type: 'template'; templateId: string };
/** Holds a name for one template: Cosmos unique keys cannot be added to an existing container. */
type NameClaimDocument = { id: string; tenantId: string; type: 'nameClaim'; templateId: string };
type SeededMarkerDocument = { id: string; tenantId: string; type: 'seeded'; at: string };

const templateDocumentId = (id: string): string => `template:${toItemId(id)}`;
const claimId = (name: string): string => `name:${toItemId(templateNameKey(name))}`;
const SEEDED_MARKER = 'seeded-defaults';

const parse = (document: unknown): StoredTemplate => {
  const { templateId, ...rest } = document as { templateId?: unknown };
  return parseDocument(storedTemplateSchema, { ...rest, id: templateId }, 'templates');
};

const taken = (name: string): Result<never, TemplateNameTaken> => ({
  ok: false,
  failure: { code: 'TEMPLATE_NAME_TAKEN', message: nameTakenMessage(name) },
});

/**
 * Templates in the `templates` container (partition: tenant). Besides each template there is one
 * small "name claim" item per name, whose id is the name's key: creating it is what makes a name
 * unique, since Cosmos refuses a second item with the same id in a partition.
 */
export class CosmosTemplateStore implements TemplateStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async list(tenantId: string): Promise<Versioned<StoredTemplate>[]> {
    const documents = await queryAll<TemplateDocument & { _etag: string }>(
      this.#container,
      {
        query: "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.type = 'template'",
        parameters: [{ name: '@tenantId', value: tenantId }],
      },
      tenantId,
    );
    return documents
      .map((document) => ({ value: parse(document), etag: document._etag }))
      .sort((a, b) => templateNameKey(a.value.name).localeCompare(templateNameKey(b.value.name)));
  }

  async get(tenantId: string, id: string): Promise<Versioned<StoredTemplate> | null> {
    const found = await readVersioned<TemplateDocument>(
      this.#container,
      templateDocumentId(id),
      tenantId,
    );
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async create(
    template: StoredTemplate,
  ): Promise<Result<Versioned<StoredTemplate>, TemplateNameTaken>> {
    const valid = storedTemplateSchema.parse(template);
    if (!(await this.#claim(valid.tenantId, valid.name, valid.id))) {
      return taken(valid.name);
    }
    try {
      const saved = await createVersioned<TemplateDocument>(this.#container, toDocument(valid));
      return { ok: true, value: { value: parse(saved.value), etag: saved.etag } };
    } catch (error) {
      await this.#release(valid.tenantId, valid.name, valid.id);
      throw error;
    }
  }

  async update(
    template: StoredTemplate,
    etag: string,
  ): Promise<Result<Versioned<StoredTemplate>, TemplateNameTaken>> {
    const valid = storedTemplateSchema.parse(template);
    const current = await this.get(valid.tenantId, valid.id);
    const renamed =
      current !== null && templateNameKey(current.value.name) !== templateNameKey(valid.name);
    if (renamed && !(await this.#claim(valid.tenantId, valid.name, valid.id))) {
      return taken(valid.name);
    }
    try {
      const saved = await replaceIfMatch<TemplateDocument>(
        this.#container,
        toDocument(valid),
        valid.tenantId,
        etag,
      );
      if (renamed) {
        await this.#release(valid.tenantId, current.value.name, valid.id);
      }
      return { ok: true, value: { value: parse(saved.value), etag: saved.etag } };
    } catch (error) {
      if (renamed) {
        await this.#release(valid.tenantId, valid.name, valid.id);
      }
      throw error;
    }
  }

  async delete(tenantId: string, id: string, etag: string): Promise<boolean> {
    const current = await this.get(tenantId, id);
    const deleted = await deleteIfMatch(this.#container, templateDocumentId(id), tenantId, etag);
    if (deleted && current !== null) {
      await this.#release(tenantId, current.value.name, id);
    }
    return deleted;
  }

  async seedDefaults(
    tenantId: string,
    templates: readonly LicenseTemplate[],
    now: Date,
  ): Promise<{ seeded: number }> {
    if ((await readVersioned(this.#container, SEEDED_MARKER, tenantId)) !== null) {
      return { seeded: 0 };
    }
    let seeded = 0;
    for (const template of templates) {
      // Ids are fixed, so two instances seeding at once write each template once; a name an
      // admin already uses keeps their template.
      const existing = await this.get(tenantId, template.id);
      if (existing === null) {
        seeded += (await this.#createSeeded(template, tenantId, now)) ? 1 : 0;
      }
    }
    // Written last: a crash half-way seeds the rest next time.
    await createOnce<SeededMarkerDocument>(this.#container, {
      id: SEEDED_MARKER,
      tenantId,
      type: 'seeded',
      at: now.toISOString(),
    });
    return { seeded };
  }

  /** Creates one seeded template; false when its id or name is already in use. */
  async #createSeeded(template: LicenseTemplate, tenantId: string, now: Date): Promise<boolean> {
    try {
      const created = await this.create({ ...template, tenantId, updatedAt: now.toISOString() });
      return created.ok;
    } catch (error) {
      // Another instance seeding at the same time wrote it first.
      if (error instanceof ConcurrencyConflictError) {
        return false;
      }
      throw error;
    }
  }

  /** Takes the name for `templateId`; false when another live template holds it. */
  async #claim(tenantId: string, name: string, templateId: string): Promise<boolean> {
    const claim: NameClaimDocument = { id: claimId(name), tenantId, type: 'nameClaim', templateId };
    if ((await createOnce(this.#container, claim)) === 'created') {
      return true;
    }
    const holder = await readVersioned<NameClaimDocument>(this.#container, claim.id, tenantId);
    if (holder === null) {
      return (await createOnce(this.#container, claim)) === 'created';
    }
    if (holder.value.templateId === templateId) {
      return true;
    }
    // A claim left behind by a crash (its template gone or renamed) may be taken over.
    const holderTemplate = await this.get(tenantId, holder.value.templateId);
    if (
      holderTemplate !== null &&
      templateNameKey(holderTemplate.value.name) === templateNameKey(name)
    ) {
      return false;
    }
    try {
      await replaceIfMatch(this.#container, claim, tenantId, holder.etag);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) {
        return false;
      }
      throw error;
    }
  }

  async #release(tenantId: string, name: string, templateId: string): Promise<void> {
    const holder = await readVersioned<NameClaimDocument>(this.#container, claimId(name), tenantId);
    if (holder !== null && holder.value.templateId === templateId) {
      try {
        await deleteIfMatch(this.#container, holder.value.id, tenantId, holder.etag);
      } catch (error) {
        // Taken over meanwhile by a template that now holds the name: leave it.
        if (!(error instanceof ConcurrencyConflictError)) {
          throw error;
        }
      }
    }
  }
}

const toDocument = (template: StoredTemplate): TemplateDocument => ({
  ...template,
  id: templateDocumentId(template.id),
  type: 'template',
  templateId: template.id,
});
