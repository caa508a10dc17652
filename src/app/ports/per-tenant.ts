/**
 * A port reached per tenant: `forTenant` gives the instance that talks to that tenant (its own
 * Graph credential, its own write budget), so serving many tenants needs no second
 * restructuring. The same tenant always gets the same instance.
 */
export interface PerTenant<T> {
  forTenant(tenantId: string): T;
}

/** One instance for every tenant: a single-tenant deployment's, or a test's. */
export function sameForEveryTenant<T>(port: T): PerTenant<T> {
  return { forTenant: () => port };
}

/**
 * One instance per tenant, made by `make` when the tenant is first reached and kept: what the
 * instance holds (a write pacer, a token) stays the tenant's.
 */
export function instancePerTenant<T>(make: (tenantId: string) => T): PerTenant<T> {
  const made = new Map<string, T>();
  return {
    forTenant: (tenantId) => {
      // Teams and the config may spell a tenant's GUID in different cases: one tenant, one port.
      const key = tenantId.toLowerCase();
      let port = made.get(key);
      if (port === undefined) {
        port = make(tenantId);
        made.set(key, port);
      }
      return port;
    },
  };
}
