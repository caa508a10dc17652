import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type { DirectoryUser } from '../licensing.ts';
import { blocked, groupRefusal, unassignable, type Draft } from './draft.ts';
import type { LicenseChange, PlanningContext } from './license-change.ts';
import { heldLicense, licenseSources } from './user-licenses.ts';

/** Transfer: add the new SKU and remove the old in one body, carrying disabled plans over. */
export function draftTransfer(
  user: DirectoryUser,
  change: Extract<LicenseChange, { kind: 'transfer' }>,
  ctx: PlanningContext,
): Draft {
  const { from, to } = change;
  const fromSources = licenseSources(user, from.skuId);
  const hasTarget = heldLicense(user, to.skuId) !== undefined;
  if (fromSources === undefined) {
    return hasTarget
      ? {
          kind: 'noop',
          reason: `${user.displayName} already has ${skuDisplayName(to)} and not ${skuDisplayName(from)}.`,
        }
      : blocked(
          'INVALID_REQUEST',
          `${user.displayName} does not have ${skuDisplayName(from)} to transfer.`,
          { skuId: from.skuId },
        );
  }
  if (!fromSources.direct) {
    return groupRefusal(user, from, fromSources.groupIds, ctx);
  }
  if (hasTarget) {
    return {
      kind: 'send',
      add: [],
      remove: [from.skuId],
      notes: [
        `${user.displayName} already has ${skuDisplayName(to)}: only ${skuDisplayName(from)} is removed.`,
      ],
    };
  }
  const refusal = unassignable(to);
  if (refusal) {
    return refusal;
  }
  // Plan ids are the same across products (TEAMS1 is 57ff2da0… in E3 and E5 alike; the public
  // list maps each plan name to one id), so a disabled plan is carried over by id.
  const disabledBefore = heldLicense(user, from.skuId)?.disabledPlans ?? [];
  const carried = disabledBefore.filter((id) =>
    to.servicePlans.some((plan) => plan.servicePlanId === id),
  );
  const notes =
    carried.length === 0
      ? []
      : [
          `Kept off in ${skuDisplayName(to)}: ${carried
            .map((id) =>
              planDisplayName(to.servicePlans.find((plan) => plan.servicePlanId === id)!),
            )
            .join(', ')}.`,
        ];
  return {
    kind: 'send',
    add: [{ skuId: to.skuId, disabledPlans: carried }],
    remove: [from.skuId],
    notes,
  };
}
