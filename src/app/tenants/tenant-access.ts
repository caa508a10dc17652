import type { Directory } from '../ports/directory.ts';
import type { ServedTenant } from './served-tenant.ts';

/**
 * What a turn needs to know of the tenant it comes from: whether it is served and under which
 * settings, and its directory (read through the views' caches).
 */
export interface TenantAccess {
  find(tenantId: string): Promise<ServedTenant | undefined>;
  directory(tenantId: string): Directory;
}
