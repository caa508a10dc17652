import type { Result } from '../../domain/errors.ts';
import type { LicenseTemplate } from '../../domain/templates/license-template.ts';
import type { Versioned } from './stores.ts';

/** A tenant's template as stored. */
export type StoredTemplate = LicenseTemplate & { tenantId: string; updatedAt: string };

export interface TemplateNameTaken {
  code: 'TEMPLATE_NAME_TAKEN';
  message: string;
}

/**
 * A tenant's license templates. Names are unique per tenant whatever their case ("Executive"
 * and "executive" are one name); a taken name is an answer, not an error.
 */
export interface TemplateStore {
  list(tenantId: string): Promise<Versioned<StoredTemplate>[]>;
  get(tenantId: string, id: string): Promise<Versioned<StoredTemplate> | null>;
  /** A template with the same id already there is a `ConcurrencyConflictError`. */
  create(template: StoredTemplate): Promise<Result<Versioned<StoredTemplate>, TemplateNameTaken>>;
  /** Replaces it only if it still has `etag` (else `ConcurrencyConflictError`). */
  update(
    template: StoredTemplate,
    etag: string,
  ): Promise<Result<Versioned<StoredTemplate>, TemplateNameTaken>>;
  /** Deletes it only if it still has `etag`; false when it was already gone. */
  delete(tenantId: string, id: string, etag: string): Promise<boolean>;
  /**
   * Writes the given seeded templates once per tenant: a second call, or a call after admins
   * deleted or renamed some, writes nothing. Returns how many were written.
   */
  seedDefaults(
    tenantId: string,
    templates: readonly LicenseTemplate[],
    now: Date,
  ): Promise<{ seeded: number }>;
}
