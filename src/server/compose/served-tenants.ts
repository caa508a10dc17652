import type { Clock } from '../../app/ports/clock.ts';
import type { TenantRegistry } from '../../app/ports/tenant-registry.ts';
import { OPERATOR_TENANT_NAME } from '../../app/tenants/served-tenant.ts';
import { ServedTenants } from '../../app/tenants/served-tenants.ts';
import type { TenantAccess } from '../../app/tenants/tenant-access.ts';
import type { Config } from '../../config.ts';
import { accessSettings } from './access-settings.ts';
import type { ReadCaches } from './read-caches.ts';

/** The tenants served: the configured (operator's) one, and the registry's customers. */
export function servedTenants(
  config: Config,
  registry: TenantRegistry,
  caches: ReadCaches,
  clock: Clock,
): { served: ServedTenants; access: TenantAccess } {
  const served = new ServedTenants(
    {
      tenantId: config.tenantId,
      name: OPERATOR_TENANT_NAME,
      displayName: 'the operator tenant',
      operator: true,
      active: true,
      access: accessSettings(config),
      policy: {},
    },
    registry,
    clock,
  );
  return {
    served,
    access: {
      find: (tenantId) => served.find(tenantId),
      directory: (tenantId) => caches.directories.forTenant(tenantId),
    },
  };
}
