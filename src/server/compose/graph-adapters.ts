import type { Config } from '../../config.ts';
import type { ObjectIdFormat } from '../../domain/object-ids.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  type WriteBudget,
} from '../../graph/index.ts';
import { GraphSkuHolders } from '../../graph/graph-sku-holders.ts';

/** The Graph side of License Desk: one client, the directory, the license writer, SKU holders. */
export function graphAdapters(config: Config, writeBudget?: WriteBudget) {
  const client = createGraphClient(config.graph);
  // The demo tenant spells ids as the Test Tool does; a real tenant's are GUIDs.
  const objectIds: ObjectIdFormat = config.mode === 'embedded' ? 'testTool' : 'guid';
  return {
    objectIds,
    directory: new GraphDirectory(client, { objectIds }),
    licenses: new GraphLicenseWriter(client, writeBudget ? { budget: writeBudget } : {}),
    skuHolders: new GraphSkuHolders(client),
  };
}
