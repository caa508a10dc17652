import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { isTenantName, tenantIdKey } from '../domain/tenants/tenant.ts';
import type { CustomerTenant } from '../domain/tenants/tenant.ts';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { TenantAlreadyRegisteredError } from '../app/ports/tenant-registry.ts';
import type { TenantRegistry } from '../app/ports/tenant-registry.ts';
import { parseDocument } from './documents.ts';
import { createVersioned, deleteIfMatch, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { person } from './operation-documents.ts';

const credential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('multiTenantApp') }),
  z.object({
    kind: z.literal('certificate'),
    clientId: z.string().min(1),
    certificatePath: z.string().min(1),
  }),
]);

/**
 * A customer tenant as the `tenants` container holds it, checked on every read and write (see
 * `documents.ts`); zod's stripping also drops the document's `id` and Cosmos' system properties.
 */
export const customerTenantSchema = z.object({
  // The lower-cased tenant id is also the Cosmos id: it may not hold these.
  tenantId: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\?#]+$/, 'may not contain /, \\, ? or #'),
  name: z.string().refine(isTenantName, 'is not a short name (lower-case letters, digits, dashes)'),
  displayName: z.string(),
  credential,
  approverGroupIds: z.array(z.string()),
  requesterGroupIds: z.array(z.string()),
  allowGuests: z.boolean(),
  policy: z.object({
    approvalExpiryHours: z.number().positive().optional(),
    bulkConfirmAbove: z.number().nonnegative().optional(),
    twoApproversAboveUsers: z.number().nonnegative().optional(),
    twoApproversAboveMonthlyCost: z.number().nonnegative().optional(),
  }),
  state: z.enum(['awaitingConsent', 'active', 'suspended']),
  onboardedBy: person,
  onboardedAt: z.string(),
  changedBy: person.optional(),
  changedAt: z.string().optional(),
}) satisfies z.ZodType<CustomerTenant>;

/** Checks a tenant before it is written, with its id in the form it is stored under. */
export function validTenant(tenant: CustomerTenant): CustomerTenant {
  return customerTenantSchema.parse({ ...tenant, tenantId: tenantIdKey(tenant.tenantId) });
}

/** By name, as `list` promises; names are unique, so the order is total. */
export function byName(a: Versioned<CustomerTenant>, b: Versioned<CustomerTenant>): number {
  return a.value.name < b.value.name ? -1 : a.value.name > b.value.name ? 1 : 0;
}

/**
 * The name clash a write of `tenant` would make with `holder` (the tenant found under its name):
 * none when nobody has the name or it is the tenant's own.
 */
export function nameClash(
  tenant: CustomerTenant,
  holder: CustomerTenant | undefined,
): TenantAlreadyRegisteredError | undefined {
  return holder !== undefined && holder.tenantId !== tenant.tenantId
    ? new TenantAlreadyRegisteredError('name', tenant.name)
    : undefined;
}

type TenantDocument = CustomerTenant & { id: string };

const parse = (document: unknown): CustomerTenant =>
  parseDocument(customerTenantSchema, document, 'tenants');

const toDocument = (tenant: CustomerTenant): TenantDocument => ({ ...tenant, id: tenant.tenantId });

/**
 * The tenant registry in the `tenants` container: one item per tenant, in its own partition, with
 * the lower-cased tenant id as both id and partition key, so a tenant id is unique by
 * construction. Names are not: see `#holderOf`.
 */
export class CosmosTenantRegistry implements TenantRegistry {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async list(): Promise<Versioned<CustomerTenant>[]> {
    return (await this.#query('SELECT * FROM c')).sort(byName);
  }

  async get(tenantId: string): Promise<Versioned<CustomerTenant> | null> {
    const key = tenantIdKey(tenantId);
    const found = await readVersioned<TenantDocument>(this.#container, key, key);
    return found === null ? null : { value: parse(found.value), etag: found.etag };
  }

  async findByName(name: string): Promise<Versioned<CustomerTenant> | null> {
    return (await this.#holderOf(name.toLowerCase())) ?? null;
  }

  async add(tenant: CustomerTenant): Promise<Versioned<CustomerTenant>> {
    const valid = validTenant(tenant);
    const holder = await this.#holderOf(valid.name);
    if (holder?.value.tenantId === valid.tenantId) {
      throw new TenantAlreadyRegisteredError('tenantId', valid.tenantId);
    }
    const clash = nameClash(valid, holder?.value);
    if (clash !== undefined) {
      throw clash;
    }
    try {
      const saved = await createVersioned(this.#container, toDocument(valid));
      return { value: parse(saved.value), etag: saved.etag };
    } catch (error) {
      // The id is the partition's only item: a 409 means this tenant is registered already.
      if (error instanceof ConcurrencyConflictError) {
        throw new TenantAlreadyRegisteredError('tenantId', valid.tenantId);
      }
      throw error;
    }
  }

  async replace(tenant: CustomerTenant, etag: string): Promise<Versioned<CustomerTenant>> {
    const valid = validTenant(tenant);
    const clash = nameClash(valid, (await this.#holderOf(valid.name))?.value);
    if (clash !== undefined) {
      throw clash;
    }
    const saved = await replaceIfMatch(this.#container, toDocument(valid), valid.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }

  remove(tenantId: string, etag: string): Promise<boolean> {
    const key = tenantIdKey(tenantId);
    return deleteIfMatch(this.#container, key, key, etag);
  }

  /**
   * The tenant holding `name`, by a cross-partition query: with dozens of tenants it is cheap,
   * and a name index would be a second document to keep in step. Checked before the write, so two
   * operators onboarding one name in the same second could both succeed; that is the only race,
   * and `findByName` then answers with one of them until an operator renames the other.
   */
  async #holderOf(name: string): Promise<Versioned<CustomerTenant> | undefined> {
    const found = await this.#query('SELECT * FROM c WHERE c.name = @name', [
      { name: '@name', value: name },
    ]);
    return found.sort((a, b) => (a.value.tenantId < b.value.tenantId ? -1 : 1))[0];
  }

  async #query(
    query: string,
    parameters: { name: string; value: string }[] = [],
  ): Promise<Versioned<CustomerTenant>[]> {
    // Across partitions on purpose (one per tenant): the registry is small and read whole.
    const { resources } = await this.#container.items
      .query<TenantDocument & { _etag: string }>({ query, parameters })
      .fetchAll();
    return resources.map((document) => ({ value: parse(document), etag: document._etag }));
  }
}
