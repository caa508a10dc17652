import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { resolveSku } from '../../domain/catalogue/resolve-sku.ts';
import type { HistoryEvent } from '../../domain/history/history-event.ts';
import type { HistoryQuery } from '../../domain/history/history-query.ts';
import type { Caller } from '../identity/caller.ts';
import type { HistoryFilter } from '../ports/history-log.ts';
import type { Page } from '../ports/paging.ts';
import { findUsers } from '../requests/find-users.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/** Lines per history card page. */
export const HISTORY_PAGE_SIZE = 10;

/** A typed history query with its words resolved to ids, or why they could not be. */
export type HistoryFilterResolution =
  { ok: true; filter: HistoryFilter; described: string } | { ok: false; message: string };

async function personId(
  deps: Pick<RequestDependencies, 'directory'>,
  tenantId: string,
  typed: string,
) {
  const found = await findUsers(deps.directory.forTenant(tenantId), [typed]);
  return found.kind === 'found' ? found.users[0] : undefined;
}

/**
 * Resolves `for`, `by` and `sku` to ids. Requesters only ever see the requests they made or
 * decided; approvers see everything.
 */
export async function resolveHistoryFilter(
  deps: Pick<RequestDependencies, 'directory' | 'history'>,
  caller: Caller,
  query: HistoryQuery,
): Promise<HistoryFilterResolution> {
  const filter: HistoryFilter = {};
  const parts: string[] = [];
  if (query.user) {
    const user = await personId(deps, caller.tenantId, query.user);
    if (!user) {
      return {
        ok: false,
        message: `I can't tell who "${query.user}" is: use their email address.`,
      };
    }
    filter.userId = user.id;
    parts.push(`for ${user.displayName}`);
  }
  if (query.by) {
    const admin = await personId(deps, caller.tenantId, query.by);
    if (!admin) {
      return { ok: false, message: `I can't tell who "${query.by}" is: use their email address.` };
    }
    filter.adminId = admin.id;
    parts.push(`by ${admin.displayName}`);
  }
  if (caller.role !== 'approver') {
    filter.adminId = caller.userId;
    parts.push('asked by you');
  }
  if (query.sku) {
    const found = resolveSku(query.sku, await deps.directory.forTenant(caller.tenantId).listSkus());
    if (found.kind !== 'found') {
      return { ok: false, message: `I can't tell which license "${query.sku}" is.` };
    }
    filter.skuId = found.sku.skuId;
    parts.push(skuDisplayName(found.sku));
  }
  if (query.since) {
    filter.since = query.since;
    parts.push(`since ${query.since.slice(0, 10)}`);
  }
  return { ok: true, filter, described: parts.join(', ') };
}

/** One page of history, newest first. */
export function readHistory(
  deps: Pick<RequestDependencies, 'directory' | 'history'>,
  tenantId: string,
  filter: HistoryFilter,
  continuationToken?: string,
): Promise<Page<HistoryEvent>> {
  return deps.history.query(tenantId, filter, {
    pageSize: HISTORY_PAGE_SIZE,
    ...(continuationToken ? { continuationToken } : {}),
  });
}
