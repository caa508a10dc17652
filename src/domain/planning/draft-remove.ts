import { skuDisplayName } from '../catalogue/display-names.ts';
import type { DirectoryUser, Sku, SkuId } from '../licensing.ts';
import { groupRefusal, type Draft } from './draft.ts';
import type { PlanningContext } from './license-change.ts';
import { licenseSources } from './user-licenses.ts';

/** Remove: only direct assignments can go; a license only a group assigns is refused, naming it. */
export function draftRemove(
  user: DirectoryUser,
  skus: readonly Sku[],
  ctx: PlanningContext,
  all: boolean,
): Draft {
  const remove: SkuId[] = [];
  const notes: string[] = [];
  let groupOnly: Draft | undefined;
  for (const sku of skus) {
    const sources = licenseSources(user, sku.skuId);
    if (sources === undefined) {
      continue;
    }
    if (!sources.direct) {
      groupOnly ??= groupRefusal(user, sku, sources.groupIds, ctx);
      notes.push(`${skuDisplayName(sku)} stays: a group assigns it.`);
      continue;
    }
    remove.push(sku.skuId);
    if (sources.groupIds.length > 0) {
      notes.push(`${skuDisplayName(sku)} stays in use: a group also assigns it.`);
    }
  }
  if (remove.length > 0) {
    return { kind: 'send', add: [], remove, notes };
  }
  if (groupOnly !== undefined) {
    return groupOnly;
  }
  const what = all ? 'any license' : skus.map((sku) => skuDisplayName(sku)).join(' or ');
  return { kind: 'noop', reason: `${user.displayName} does not have ${what}.` };
}
