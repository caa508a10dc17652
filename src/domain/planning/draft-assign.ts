import { skuDisplayName } from '../catalogue/display-names.ts';
import type { AssignedLicense, DirectoryUser } from '../licensing.ts';
import { blocked, unassignable, type Draft } from './draft.ts';
import type { LicenseChange } from './license-change.ts';
import { heldLicense, samePlans } from './user-licenses.ts';

/** Assign: add each SKU not yet held with the same plans; re-adding replaces its disabled plans. */
export function draftAssign(
  user: DirectoryUser,
  change: Extract<LicenseChange, { kind: 'assign' }>,
): Draft {
  const add: AssignedLicense[] = [];
  for (const { sku, disabledPlanIds } of change.licenses) {
    const unknown = disabledPlanIds.filter(
      (id) => !sku.servicePlans.some((p) => p.servicePlanId === id),
    );
    if (unknown.length > 0) {
      return blocked(
        'PLAN_NOT_IN_SKU',
        `${skuDisplayName(sku)} has no service plan ${unknown.join(', ')}.`,
        {
          skuId: sku.skuId,
          planIds: unknown,
        },
      );
    }
    const held = heldLicense(user, sku.skuId);
    const refusal = held === undefined ? unassignable(sku) : undefined;
    if (refusal) {
      return refusal;
    }
    if (held === undefined || !samePlans(held.disabledPlans, disabledPlanIds)) {
      add.push({ skuId: sku.skuId, disabledPlans: [...disabledPlanIds] });
    }
  }
  const names = change.licenses.map(({ sku }) => skuDisplayName(sku)).join(' and ');
  return add.length === 0
    ? {
        kind: 'noop',
        reason: `${user.displayName} already has ${names} with the same service plans.`,
      }
    : { kind: 'send', add, remove: [], notes: [] };
}
