import { tenantIdKey } from '../../domain/tenants/tenant.ts';
import type { CustomerTenant } from '../../domain/tenants/tenant.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { TenantAlreadyRegisteredError } from '../../app/ports/tenant-registry.ts';
import type { TenantRegistry } from '../../app/ports/tenant-registry.ts';
import { byName, nameClash, validTenant } from '../cosmos-tenant-registry.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `TenantRegistry` in memory; passes the same contract suite as `CosmosTenantRegistry`. */
export class MemoryTenantRegistry implements TenantRegistry {
  readonly #tenants = new VersionedMap<CustomerTenant>();

  list(): Promise<Versioned<CustomerTenant>[]> {
    return Promise.resolve(this.#tenants.values().sort(byName));
  }

  get(tenantId: string): Promise<Versioned<CustomerTenant> | null> {
    return Promise.resolve(this.#tenants.get(tenantIdKey(tenantId)));
  }

  findByName(name: string): Promise<Versioned<CustomerTenant> | null> {
    return Promise.resolve(this.#holderOf(name.toLowerCase()) ?? null);
  }

  add(tenant: CustomerTenant): Promise<Versioned<CustomerTenant>> {
    return settle(() => {
      const valid = validTenant(tenant);
      if (this.#tenants.has(valid.tenantId)) {
        throw new TenantAlreadyRegisteredError('tenantId', valid.tenantId);
      }
      const clash = nameClash(valid, this.#holderOf(valid.name)?.value);
      if (clash !== undefined) {
        throw clash;
      }
      return this.#tenants.create(valid.tenantId, valid);
    });
  }

  replace(tenant: CustomerTenant, etag: string): Promise<Versioned<CustomerTenant>> {
    return settle(() => {
      const valid = validTenant(tenant);
      const clash = nameClash(valid, this.#holderOf(valid.name)?.value);
      if (clash !== undefined) {
        throw clash;
      }
      return this.#tenants.replace(valid.tenantId, valid, etag);
    });
  }

  remove(tenantId: string, etag: string): Promise<boolean> {
    return settle(() => this.#tenants.delete(tenantIdKey(tenantId), etag));
  }

  #holderOf(name: string): Versioned<CustomerTenant> | undefined {
    return this.#tenants.values().find((item) => item.value.name === name);
  }
}
