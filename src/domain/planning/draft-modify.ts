import { skuDisplayName } from '../catalogue/display-names.ts';
import type { DirectoryUser } from '../licensing.ts';
import { blocked, groupRefusal, type Draft } from './draft.ts';
import type { LicenseChange, PlanningContext } from './license-change.ts';
import { heldLicense, licenseSources, samePlans } from './user-licenses.ts';

/** Modify: the held SKU re-added with its disabled plans changed as asked, no new seat. */
export function draftModify(
  user: DirectoryUser,
  change: Extract<LicenseChange, { kind: 'modify' }>,
  ctx: PlanningContext,
): Draft {
  const { sku } = change;
  const sources = licenseSources(user, sku.skuId);
  const held = heldLicense(user, sku.skuId);
  if (sources === undefined || held === undefined) {
    return blocked(
      'INVALID_REQUEST',
      `${user.displayName} does not have ${skuDisplayName(sku)}: assign it instead.`,
      { skuId: sku.skuId },
    );
  }
  if (!sources.direct) {
    return groupRefusal(user, sku, sources.groupIds, ctx);
  }
  const disabled = new Set([...held.disabledPlans, ...change.disablePlanIds]);
  change.enablePlanIds.forEach((id) => disabled.delete(id));
  if (samePlans([...disabled], held.disabledPlans)) {
    return {
      kind: 'noop',
      reason: `${user.displayName}'s ${skuDisplayName(sku)} already has those service plans as asked.`,
    };
  }
  return {
    kind: 'send',
    add: [{ skuId: sku.skuId, disabledPlans: [...disabled] }],
    remove: [],
    notes: [],
  };
}
