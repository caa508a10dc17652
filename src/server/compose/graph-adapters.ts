import { instancePerTenant } from '../../app/ports/per-tenant.ts';
import type { Telemetry } from '../../app/ports/telemetry.ts';
import type { TenantRegistry } from '../../app/ports/tenant-registry.ts';
import type { Config } from '../../config.ts';
import { sameTenantId, type ObjectIdFormat } from '../../domain/object-ids.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  type WriteBudget,
} from '../../graph/index.ts';
import { GRAPH_APP_WRITE_BUDGET, WritePacer } from '../../graph/batch/write-pacer.ts';
import { createCredential } from '../../graph/credential.ts';
import { GraphSkuHolders } from '../../graph/graph-sku-holders.ts';
import {
  customerSignIn,
  DeferredCredential,
  TenantSignInError,
} from '../../graph/tenant-credential.ts';

/**
 * The Graph side of License Desk, per tenant: the directory, the license writer and SKU holders.
 * The operator's tenant signs in with the configured credential; a customer tenant with the
 * sign-in its registration names, read when its first token is asked for. Each tenant gets its
 * own writer, so its write budget is kept across all its runs. With `telemetry`, every Graph
 * request is a dependency span.
 */
export function graphAdapters(
  config: Config,
  registry: Pick<TenantRegistry, 'get'>,
  writeBudget?: WriteBudget,
  telemetry?: Telemetry,
  appWriteBudget: WriteBudget = GRAPH_APP_WRITE_BUDGET,
) {
  // One pacer for the app's writes across every tenant; each tenant's writer keeps its own too.
  const appPacer = new WritePacer(appWriteBudget);
  const operatorClient = createGraphClient(config.graph, telemetry);
  const clients = instancePerTenant((tenantId) =>
    sameTenantId(tenantId, config.tenantId)
      ? operatorClient
      : createGraphClient(
          config.graph,
          telemetry,
          new DeferredCredential(async () => {
            const registered = await registry.get(tenantId);
            if (registered === null || registered.value.state === 'suspended') {
              throw new TenantSignInError(
                `Tenant ${tenantId} is not served by this License Desk (not registered, or suspended).`,
              );
            }
            return createCredential(
              customerSignIn(config.graph.credential, tenantId, registered.value.credential),
            );
          }),
        ),
  );
  // The demo tenant spells ids as the Test Tool does; a real tenant's are GUIDs.
  const objectIds: ObjectIdFormat = config.mode === 'embedded' ? 'testTool' : 'guid';
  const directories = instancePerTenant(
    (tenantId) => new GraphDirectory(clients.forTenant(tenantId), { objectIds }),
  );
  return {
    objectIds,
    directories,
    /** The operator's tenant's: what the health check and seeding read. */
    directory: directories.forTenant(config.tenantId),
    licenseWriters: instancePerTenant(
      (tenantId) =>
        new GraphLicenseWriter(clients.forTenant(tenantId), {
          appPacer,
          ...(writeBudget ? { budget: writeBudget } : {}),
        }),
    ),
    skuHolders: instancePerTenant((tenantId) => new GraphSkuHolders(clients.forTenant(tenantId))),
  };
}
