import type { FaultInjector } from '../faults/faults.ts';
import type { Tenant } from '../tenant/tenant.ts';
import type { Throttle } from '../throttle/throttle.ts';
import type { FilterCache } from './filter-cache.ts';
import type { RouteCounters } from './route-counters.ts';
import type { Router } from './router.ts';

/**
 * Everything one running simulator holds. It serves several tenants, as Graph does: the home
 * tenant (what `tenant()` returns and reset and seed replace) and others, found by id.
 */
export interface SimulatorRuntime {
  /** The home tenant. */
  tenant(): Tenant;
  /** The tenant with that organization id (compared without case), if the simulator has it. */
  tenantById(id: string): Tenant | undefined;
  /** Every tenant, the home tenant first. */
  tenants(): Tenant[];
  /** Replaces the tenant with that id, by default the home one (disposing the old one's timers). */
  replaceTenant(next: Tenant, tenantId?: string): void;
  /** A fresh tenant from the starting seed of the tenant with that id (by default the home one). */
  freshTenant(tenantId?: string): Tenant;
  /** Every tenant back to the seed it started from. */
  resetTenants(): void;
  /** A fresh demo tenant from another seed and size. */
  demoTenant(seed: number, size: number): Tenant;
  readonly throttle: Throttle;
  readonly faults: FaultInjector;
  readonly filters: FilterCache;
  readonly routes: RouteCounters;
  readonly graphRouter: Router;
}
