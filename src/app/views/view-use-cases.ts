import type { Sku, SkuId } from '../../domain/licensing.ts';
import type { Caller } from '../identity/caller.ts';
import type { Directory } from '../ports/directory.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { SkuHolders } from '../ports/sku-holders.ts';
import type { PriceStore } from '../ports/stores.ts';
import { lookUpGroup, type GroupView } from './group-view.ts';
import { describeLicenses, type LicensesView } from './licenses-view.ts';
import type { Lookup } from './lookup.ts';
import {
  operationPreviewRows,
  type PreviewDependencies,
  type PreviewRows,
} from './operation-preview-rows.ts';
import { readSkuHolders, type SkuHoldersView } from './sku-holders-view.ts';
import { lookUpUser, type UserView } from './user-view.ts';

// The page size the bot's paging buttons count with.
export { HOLDERS_PAGE_SIZE } from './sku-holders-view.ts';

/** What the chat shows of the tenant: a user, a group, the licenses, who holds a SKU. */
export interface ViewUseCases {
  user(tenantId: string, query: string | { id: string }, page?: number): Promise<Lookup<UserView>>;
  group(
    tenantId: string,
    query: string | { id: string },
    page?: number,
  ): Promise<Lookup<GroupView>>;
  licenses(tenantId: string, page?: number): Promise<LicensesView>;
  skuHolders(tenantId: string, skuId: SkuId, page: number): Promise<SkuHoldersView | null>;
  /** The tenant's SKUs, to name products and plans on cards and in files. */
  skus(tenantId: string): Promise<Sku[]>;
  /** The organisation's country: a starting value for a missing usage location. */
  organizationCountry(tenantId: string): Promise<string>;
  /** A request's users as planned, one line each, for its approvers and its requester. */
  previewRows(caller: Caller, operationId: string): Promise<PreviewRows>;
}

/** A wiring fault: the views were built without the requests they preview. */
export class PreviewNotWiredError extends Error {
  override readonly name = 'PreviewNotWiredError';
  readonly code = 'PREVIEW_NOT_WIRED';
}

/**
 * The view use cases over the directory the views read (kept briefly, see app/caching), per
 * tenant, wired once by the composition root.
 */
export function viewUseCases(deps: {
  directory: PerTenant<Directory>;
  prices: Pick<PriceStore, 'list'>;
  skuHolders: PerTenant<SkuHolders>;
  /** The requests and their items, for previews (views over a directory alone have none). */
  requests?: Omit<PreviewDependencies, 'skus'>;
}): ViewUseCases {
  const skus = (tenantId: string) => deps.directory.forTenant(tenantId).listSkus();
  return {
    user: (tenantId, query, page) => lookUpUser(deps.directory.forTenant(tenantId), query, page),
    group: (tenantId, query, page) => lookUpGroup(deps.directory.forTenant(tenantId), query, page),
    licenses: (tenantId, page) =>
      describeLicenses(
        { directory: deps.directory.forTenant(tenantId), prices: deps.prices },
        tenantId,
        page,
      ),
    skuHolders: (tenantId, skuId, page) =>
      readSkuHolders(
        {
          directory: deps.directory.forTenant(tenantId),
          skuHolders: deps.skuHolders.forTenant(tenantId),
        },
        skuId,
        page,
      ),
    skus,
    organizationCountry: async (tenantId) =>
      (await deps.directory.forTenant(tenantId).getOrganization()).countryLetterCode,
    previewRows: (caller, operationId) =>
      deps.requests === undefined
        ? Promise.reject(new PreviewNotWiredError('request previews need the request stores'))
        : operationPreviewRows({ ...deps.requests, skus }, caller, operationId),
  };
}
