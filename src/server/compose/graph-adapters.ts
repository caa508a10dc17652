import { instancePerTenant } from '../../app/ports/per-tenant.ts';
import type { Telemetry } from '../../app/ports/telemetry.ts';
import type { Config } from '../../config.ts';
import type { ObjectIdFormat } from '../../domain/object-ids.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  type WriteBudget,
} from '../../graph/index.ts';
import { GraphSkuHolders } from '../../graph/graph-sku-holders.ts';

/**
 * The Graph side of License Desk: the directory and the license writer per tenant, SKU holders.
 * Each tenant gets its own writer, so its write budget is kept across all its runs. One
 * credential serves the configured tenant today; a client per tenant's credential goes here.
 * With `telemetry`, every Graph request is a dependency span.
 */
export function graphAdapters(config: Config, writeBudget?: WriteBudget, telemetry?: Telemetry) {
  const client = createGraphClient(config.graph, telemetry);
  // The demo tenant spells ids as the Test Tool does; a real tenant's are GUIDs.
  const objectIds: ObjectIdFormat = config.mode === 'embedded' ? 'testTool' : 'guid';
  const directories = instancePerTenant(() => new GraphDirectory(client, { objectIds }));
  return {
    objectIds,
    directories,
    /** The configured tenant's: what the views, the health check and seeding read. */
    directory: directories.forTenant(config.tenantId),
    licenseWriters: instancePerTenant(
      () => new GraphLicenseWriter(client, writeBudget ? { budget: writeBudget } : {}),
    ),
    skuHolders: new GraphSkuHolders(client),
  };
}
