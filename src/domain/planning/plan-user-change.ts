import type { DirectoryUser } from '../licensing.ts';
import { conflictDetails, newConflicts } from './conflicts.ts';
import { draftAssign } from './draft-assign.ts';
import { draftModify } from './draft-modify.ts';
import { draftRemove } from './draft-remove.ts';
import { draftTransfer } from './draft-transfer.ts';
import type { Draft } from './draft.ts';
import type { LicenseChange, PlanningContext, UserPlan } from './license-change.ts';
import { decideUsageLocation } from './usage-location-plan.ts';
import { rulePlanIds } from './plan-rules.ts';
import { enabledPlansAmong, heldLicense, licenseSources } from './user-licenses.ts';

function draft(user: DirectoryUser, change: LicenseChange, ctx: PlanningContext): Draft {
  switch (change.kind) {
    case 'assign':
      return draftAssign(user, change);
    case 'remove':
      return draftRemove(user, change.skus, ctx, false);
    case 'removeAll': {
      const held = new Set((user.assignedLicenses ?? []).map((license) => license.skuId));
      return draftRemove(
        user,
        ctx.skus.filter((sku) => held.has(sku.skuId)),
        ctx,
        true,
      );
    }
    case 'modify':
      return draftModify(user, change, ctx);
    case 'transfer':
      return draftTransfer(user, change, ctx);
  }
}

/**
 * Plans one user's change: the exact `assignLicense` body (a transfer adds and removes in one
 * call, so the user is never unlicensed), a usage location to set first when a new license
 * needs one, the seats taken and freed, and the plan rules the result would break.
 */
export function planUserChange(
  user: DirectoryUser,
  change: LicenseChange,
  ctx: PlanningContext,
): UserPlan {
  const drafted = draft(user, change, ctx);
  if (drafted.kind === 'noop') {
    return { outcome: 'noop', userId: user.id, reason: drafted.reason };
  }
  if (drafted.kind === 'blocked') {
    return { outcome: 'blocked', userId: user.id, failure: drafted.failure };
  }
  const current = user.assignedLicenses ?? [];
  const seatsTaken = drafted.add
    .map((l) => l.skuId)
    .filter((id) => heldLicense(user, id) === undefined);
  let setUsageLocation: string | undefined;
  if (seatsTaken.length > 0) {
    const decision = decideUsageLocation(user, ctx.usageLocation);
    if (!decision.ok) {
      return { outcome: 'blocked', userId: user.id, failure: decision.failure };
    }
    setUsageLocation = decision.set;
  }
  const seatsFreed = drafted.remove.filter((id) => licenseSources(user, id)?.groupIds.length === 0);
  const after = [
    // A license a group also assigns stays after its direct assignment is removed.
    ...current.filter(
      (l) => !seatsFreed.includes(l.skuId) && !drafted.add.some((a) => a.skuId === l.skuId),
    ),
    ...drafted.add,
  ];
  const skus = ctx.skusById ?? new Map(ctx.skus.map((sku) => [sku.skuId, sku]));
  const watched = ctx.rulePlanIds ?? rulePlanIds(ctx.rules);
  const conflicts = newConflicts(
    enabledPlansAmong(current, skus, watched),
    enabledPlansAmong(after, skus, watched),
    ctx.rules,
  );
  const kept = after.filter((license) => !drafted.add.includes(license));
  const plan: UserPlan = {
    outcome: 'change',
    userId: user.id,
    body: { addLicenses: drafted.add, removeLicenses: drafted.remove },
    seatsTaken,
    seatsFreed,
    conflicts,
    conflictDetails: conflictDetails(
      conflicts,
      kept,
      drafted.add,
      skus,
      new Set(
        kept
          .map((license) => license.skuId)
          .filter((id) => licenseSources(user, id)?.direct === false),
      ),
    ),
    notes: drafted.notes,
  };
  return setUsageLocation === undefined ? plan : { ...plan, setUsageLocation };
}
