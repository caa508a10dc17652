import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { availableSeats, type DirectoryUser, type SkuId } from '../../domain/licensing.ts';
import { licenseSources } from '../../domain/planning/user-licenses.ts';
import type { Directory } from '../ports/directory.ts';
import type { SkuHolders } from '../ports/sku-holders.ts';

/** One holder as the card shows them: only a direct license can be removed from License Desk. */
export interface SkuHolderLine {
  displayName: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  direct: boolean;
  /** Names of the groups that also (or only) give it. */
  groups: string[];
}

/** A page of a SKU's holders, disabled accounts first, with the seat counts. */
export interface SkuHoldersView {
  skuId: SkuId;
  name: string;
  partNumber: string;
  total: number;
  used: number;
  available: number;
  disabledCount: number;
  enabledCount: number;
  page: number;
  pageCount: number;
  holders: SkuHolderLine[];
}

export const HOLDERS_PAGE_SIZE = 20;

async function slice(
  items: AsyncIterable<DirectoryUser>,
  skip: number,
  take: number,
): Promise<DirectoryUser[]> {
  const found: DirectoryUser[] = [];
  let seen = 0;
  for await (const item of items) {
    if (seen >= skip) {
      found.push(item);
    }
    seen += 1;
  }
  return found.slice(0, take);
}

/**
 * Who holds a SKU, a page at a time: users with a disabled account first (a leaver's seat is
 * the first to reclaim), then the rest, each saying whether the license is direct or from which
 * group. Null when the tenant has no such SKU.
 */
export async function readSkuHolders(
  deps: { directory: Directory; skuHolders: SkuHolders },
  skuId: SkuId,
  page: number,
): Promise<SkuHoldersView | null> {
  const sku = (await deps.directory.listSkus()).find(
    (candidate) => candidate.skuId.toLowerCase() === skuId.toLowerCase(),
  );
  if (!sku) {
    return null;
  }
  const [disabledCount, enabledCount] = await Promise.all([
    deps.skuHolders.countHolders(sku.skuId, false),
    deps.skuHolders.countHolders(sku.skuId, true),
  ]);
  const pageCount = Math.max(1, Math.ceil((disabledCount + enabledCount) / HOLDERS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (current - 1) * HOLDERS_PAGE_SIZE;
  const read = (enabled: boolean, skip: number, take: number) =>
    take <= 0
      ? Promise.resolve([])
      : slice(deps.skuHolders.listHolders(sku.skuId, enabled, { limit: skip + take }), skip, take);
  const disabled = await read(false, start, Math.min(HOLDERS_PAGE_SIZE, disabledCount - start));
  const skipEnabled = Math.max(0, start - disabledCount);
  const enabled = await read(
    true,
    skipEnabled,
    Math.min(HOLDERS_PAGE_SIZE - disabled.length, enabledCount - skipEnabled),
  );
  const users = [...disabled, ...enabled];
  const sources = users.map((user) => licenseSources(user, sku.skuId));
  const groupIds = sources.flatMap((source) => source?.groupIds ?? []);
  const groupNames =
    groupIds.length > 0 ? await deps.directory.findGroupNames(groupIds) : new Map<string, string>();
  return {
    skuId: sku.skuId,
    name: skuDisplayName(sku),
    partNumber: sku.skuPartNumber,
    total: sku.prepaidUnits.enabled,
    used: sku.consumedUnits,
    available: availableSeats(sku),
    disabledCount,
    enabledCount,
    page: current,
    pageCount,
    holders: users.map((user, i) => ({
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      accountEnabled: user.accountEnabled !== false,
      direct: sources[i]?.direct ?? true,
      groups: (sources[i]?.groupIds ?? []).map((id) => groupNames.get(id) ?? id),
    })),
  };
}
