import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultOptions } from './faults/faults.ts';
import { FilterCache } from './http/filter-cache.ts';
import { createGraphRouter } from './http/graph-router.ts';
import { RouteCounters } from './http/route-counters.ts';
import type { SimulatorRuntime } from './http/runtime.ts';
import { createRequestListener } from './http/server.ts';
import { createDemoTenantSeed } from './seed/demo-tenant.ts';
import { TenantSet } from './tenant-set.ts';
import { Tenant } from './tenant/tenant.ts';
import type { TenantSeed } from './tenant/types.ts';
import { Throttle, type ThrottleOptions } from './throttle/throttle.ts';

export { simulatorToken, type SimulatorTokenClaims } from './token.ts';
export {
  createFabrikamTenantSeed,
  FABRIKAM_DOMAIN,
  FABRIKAM_PEOPLE,
  FABRIKAM_TENANT_ID,
} from './seed/fabrikam-tenant.ts';

/** How to start a simulator; everything is optional. */
export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Demo tenant seed and size (default 42 and 3000), unless `tenantSeed` is given. */
  seed?: number;
  size?: number;
  tenantSeed?: TenantSeed;
  /**
   * More tenants served beside the home one, each reached by tokens whose `tid` is its
   * organization id (an MSP's customers). Ids must differ from each other and from the home's.
   */
  otherTenants?: TenantSeed[];
  throttle?: Partial<ThrottleOptions>;
  faults?: Partial<FaultOptions>;
  /** How long the tenant's background group processing takes (default 250 ms). */
  groupProcessingDelayMs?: number;
}

/** Where a simulator answers, in this process or another (`npm run stand-ins`). */
export interface SimulatorEndpoint {
  /** `http://127.0.0.1:PORT`, where the control API (`/_simulator/…`) is. */
  url: string;
  /** `url + '/v1.0'` */
  graphBaseUrl: string;
}

/** A simulator listening on loopback in this process. */
export interface RunningSimulator extends SimulatorEndpoint {
  /**
   * The current home tenant (reset and seed replace it), or with an id the tenant of that
   * organization id; throws for an id the simulator does not serve.
   */
  tenant(tenantId?: string): Tenant;
  close(): Promise<void>;
}

/**
 * What `startSimulator` returns: a running simulator whose tenants are all at hand. (Kept apart
 * from `RunningSimulator`, which a simulator in another process implements too.)
 */
export interface LocalSimulator extends RunningSimulator {
  /** Every tenant, the home tenant first. */
  tenants(): Tenant[];
}

/** Starts the Graph simulator: an in-memory tenant served as Graph v1.0 over HTTP. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<LocalSimulator> {
  const tenantOptions =
    options.groupProcessingDelayMs === undefined
      ? {}
      : { groupProcessingDelayMs: options.groupProcessingDelayMs };
  const startSeed =
    options.tenantSeed ??
    createDemoTenantSeed({ seed: options.seed ?? 42, size: options.size ?? 3000 });
  const tenants = new TenantSet(startSeed, options.otherTenants ?? [], tenantOptions);
  const runtime: SimulatorRuntime = {
    tenant: () => tenants.home(),
    tenantById: (id) => tenants.byId(id),
    tenants: () => tenants.all(),
    replaceTenant: (next, tenantId) => tenants.replace(next, tenantId),
    freshTenant: (tenantId) => tenants.fresh(tenantId),
    resetTenants: () => tenants.resetAll(),
    demoTenant: (seed, size) => new Tenant(createDemoTenantSeed({ seed, size }), tenantOptions),
    throttle: new Throttle(options.throttle ?? {}),
    faults: new FaultInjector(options.faults ?? {}),
    filters: new FilterCache(),
    routes: new RouteCounters(),
    graphRouter: createGraphRouter(),
  };
  let url = '';
  const server = createServer(
    { keepAlive: true },
    createRequestListener(runtime, () => url),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    url,
    graphBaseUrl: `${url}/v1.0`,
    tenant: (tenantId) => {
      if (tenantId === undefined) {
        return tenants.home();
      }
      const tenant = tenants.byId(tenantId);
      if (!tenant) {
        const known = tenants.all().map((t) => t.organization().id);
        throw new Error(`The simulator has no tenant ${tenantId} (it has ${known.join(', ')}).`);
      }
      return tenant;
    },
    tenants: () => tenants.all(),
    close: async () => {
      tenants.dispose();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
