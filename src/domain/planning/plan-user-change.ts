import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type { LicensingFailure } from '../errors.ts';
import type { AssignedLicense, DirectoryUser, Sku, SkuId } from '../licensing.ts';
import { newConflicts } from './conflicts.ts';
import type { LicenseChange, PlanningContext, UserPlan } from './license-change.ts';
import { decideUsageLocation } from './usage-location-plan.ts';
import { enabledPlans, heldLicense, licenseSources, samePlans } from './user-licenses.ts';

type Draft =
  | { kind: 'send'; add: AssignedLicense[]; remove: SkuId[]; notes: string[] }
  | { kind: 'noop'; reason: string }
  | { kind: 'blocked'; failure: LicensingFailure };

const blocked = (
  code: LicensingFailure['code'],
  message: string,
  extra: Partial<LicensingFailure> = {},
): Draft => ({ kind: 'blocked', failure: { code, message, retryable: false, ...extra } });

function groupRefusal(
  user: DirectoryUser,
  sku: Sku,
  groupIds: string[],
  ctx: PlanningContext,
): Draft {
  const names = groupIds.map((id) => `"${ctx.groupNames?.[id] ?? id}"`).join(', ');
  return blocked(
    'ASSIGNED_BY_GROUP',
    `${user.displayName} gets ${skuDisplayName(sku)} from the group ${names}: it cannot be changed on the user directly. Change the group's license or remove ${user.displayName} from the group.`,
    { skuId: sku.skuId, groupId: groupIds[0] },
  );
}

function draftAssign(
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

function draftRemove(
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

function draftModify(
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

function draftTransfer(
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
  // Plan ids are the same across products (TEAMS1 is 57ff2da0… in E3 and E5 alike), so a
  // disabled plan is carried over when the target has the same id.
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
  const skus = new Map(ctx.skus.map((sku) => [sku.skuId, sku]));
  const plan: UserPlan = {
    outcome: 'change',
    userId: user.id,
    body: { addLicenses: drafted.add, removeLicenses: drafted.remove },
    seatsTaken,
    seatsFreed,
    conflicts: newConflicts(enabledPlans(current, skus), enabledPlans(after, skus), ctx.rules),
    notes: drafted.notes,
  };
  return setUsageLocation === undefined ? plan : { ...plan, setUsageLocation };
}
