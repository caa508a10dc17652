import { sameTenantId } from '../../domain/object-ids.ts';
import type { Clock } from '../ports/clock.ts';
import type { TenantRegistry } from '../ports/tenant-registry.ts';
import {
  isTenant,
  OPERATOR_TENANT_NAME,
  servedCustomer,
  type ServedTenant,
} from './served-tenant.ts';

/** How long a read of the registry is trusted before a tenant not in it is looked up again. */
const MISS_RECHECK_MS = 5_000;
/** How often the registry is read again anyway: another instance may have changed a tenant. */
const REFRESH_MS = 60_000;

/**
 * The tenants this deployment serves: the operator's own and the registry's customers. Kept in
 * memory (a deployment serves dozens, not thousands) and read again when stale, so every turn
 * and job can ask synchronously which tenant it is in.
 */
export class ServedTenants {
  private customers: ServedTenant[] = [];
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;

  readonly operator: ServedTenant;
  private readonly registry: TenantRegistry | undefined;
  private readonly clock: Clock;

  constructor(operator: ServedTenant, registry: TenantRegistry | undefined, clock: Clock) {
    this.operator = operator;
    this.registry = registry;
    this.clock = clock;
  }

  /** The tenant as last read (no I/O): for ports that must answer at once. */
  known(tenantId: string): ServedTenant | undefined {
    if (isTenant(this.operator, tenantId)) {
      return this.operator;
    }
    return this.customers.find((tenant) => isTenant(tenant, tenantId));
  }

  /** The tenant, reading the registry again if it is stale or the tenant was not in it. */
  async find(tenantId: string): Promise<ServedTenant | undefined> {
    const known = this.known(tenantId);
    const age = this.clock.now().getTime() - this.readAt;
    if (known !== undefined ? age < REFRESH_MS : age < MISS_RECHECK_MS) {
      return known;
    }
    await this.refresh();
    return this.known(tenantId);
  }

  /** A tenant by the short name admins type (`home` is the operator's). */
  async named(name: string): Promise<ServedTenant | undefined> {
    const wanted = name.trim().toLowerCase();
    if (wanted === OPERATOR_TENANT_NAME || sameTenantId(wanted, this.operator.tenantId)) {
      return this.operator;
    }
    await this.refreshIfStale();
    return this.customers.find(
      (tenant) => tenant.name === wanted || sameTenantId(tenant.tenantId, wanted),
    );
  }

  /** Every tenant, the operator's first, then the customers by name. */
  async all(): Promise<ServedTenant[]> {
    await this.refreshIfStale();
    return [this.operator, ...this.customers];
  }

  /** The ids of the tenants whose work the background jobs do: the active ones. */
  async activeIds(): Promise<string[]> {
    return (await this.all()).filter((tenant) => tenant.active).map((tenant) => tenant.tenantId);
  }

  /** Reads the registry now (after a tenant was added or changed here). */
  async refresh(): Promise<void> {
    if (this.registry === undefined) {
      this.readAt = this.clock.now().getTime();
      return;
    }
    // Callers arriving together share one read.
    this.reading ??= this.registry
      .list()
      .then((listed) => {
        this.customers = listed
          .map(({ value }) => servedCustomer(value))
          .filter((tenant) => !isTenant(tenant, this.operator.tenantId));
        this.readAt = this.clock.now().getTime();
      })
      .finally(() => {
        this.reading = undefined;
      });
    await this.reading;
  }

  private async refreshIfStale(): Promise<void> {
    if (this.clock.now().getTime() - this.readAt >= REFRESH_MS) {
      await this.refresh();
    }
  }
}
