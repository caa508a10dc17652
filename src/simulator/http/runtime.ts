import type { FaultInjector } from '../faults/faults.ts';
import type { Tenant } from '../tenant/tenant.ts';
import type { Throttle } from '../throttle/throttle.ts';
import type { FilterCache } from './filter-cache.ts';
import type { RouteCounters } from './route-counters.ts';
import type { Router } from './router.ts';

/** Everything one running simulator holds; the tenant is replaced by reset and seed. */
export interface SimulatorRuntime {
  tenant(): Tenant;
  /** Replaces the tenant (disposing the old one's timers). */
  replaceTenant(next: Tenant): void;
  /** A fresh tenant from the seed the simulator started with. */
  freshTenant(): Tenant;
  /** A fresh demo tenant from another seed and size. */
  demoTenant(seed: number, size: number): Tenant;
  readonly throttle: Throttle;
  readonly faults: FaultInjector;
  readonly filters: FilterCache;
  readonly routes: RouteCounters;
  readonly graphRouter: Router;
}
