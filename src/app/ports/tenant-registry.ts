import type { CustomerTenant } from '../../domain/tenants/tenant.ts';
import type { Versioned } from './stores.ts';

/** Which of a new tenant's keys another registered tenant already has. */
export type TenantClash = 'tenantId' | 'name';

/** The tenant id or the short name is already registered (to another tenant, for a name). */
export class TenantAlreadyRegisteredError extends Error {
  override readonly name = 'TenantAlreadyRegisteredError';
  readonly code = 'TENANT_ALREADY_REGISTERED';

  /** Which key clashed, and its value (the lower-cased tenant id, or the name). */
  readonly field: TenantClash;
  readonly value: string;

  constructor(field: TenantClash, value: string) {
    super(
      field === 'tenantId'
        ? `Tenant ${value} is already registered.`
        : `The name "${value}" is already taken by another tenant.`,
    );
    this.field = field;
    this.value = value;
  }
}

/**
 * The customer tenants this deployment serves (the `tenants` container, partition `/tenantId`).
 * Tenant ids are stored and compared lower-cased (see `tenantIdKey`), so what comes back has the
 * lower-cased id. Changes are guarded by the ETag read, as elsewhere.
 */
export interface TenantRegistry {
  /** Every registered tenant, by name; they are few (dozens). */
  list(): Promise<Versioned<CustomerTenant>[]>;
  /** The tenant with this id, in any case; null when it is not registered. */
  get(tenantId: string): Promise<Versioned<CustomerTenant> | null>;
  /** The tenant with this short name (names are lower-case); null when none has it. */
  findByName(name: string): Promise<Versioned<CustomerTenant> | null>;
  /** Registers a tenant; `TenantAlreadyRegisteredError` when its id or its name is taken. */
  add(tenant: CustomerTenant): Promise<Versioned<CustomerTenant>>;
  /**
   * Replaces it if nobody wrote it since `etag` (else, or when it was removed meanwhile,
   * `ConcurrencyConflictError`); `TenantAlreadyRegisteredError` when renamed onto a taken name.
   */
  replace(tenant: CustomerTenant, etag: string): Promise<Versioned<CustomerTenant>>;
  /** Removes it if nobody wrote it since `etag`; false when it was gone already. */
  remove(tenantId: string, etag: string): Promise<boolean>;
}
