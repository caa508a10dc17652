import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type {
  AssignedLicense,
  AssignLicenseBody,
  ServicePlanId,
  Sku,
  SkuId,
} from '../licensing.ts';
import { findConflicts } from '../planning/conflicts.ts';
import type { PlanRule } from '../planning/plan-rules.ts';
import { enabledPlans, samePlans } from '../planning/user-licenses.ts';

/** What a group license request asks of the group, resolved against the tenant's SKUs. */
export type GroupLicenseWish =
  | { kind: 'license'; licenses: { sku: Sku; disabledPlanIds: ServicePlanId[] }[] }
  | { kind: 'unlicense'; skus: Sku[] };

/**
 * The group's `assignLicense` body and what it does: `assign` when every license is new to the
 * group, `modify` when it changes the plans of one the group already hands out, `remove`.
 */
export interface GroupLicenseChange {
  kind: 'assign' | 'modify' | 'remove';
  body: AssignLicenseBody;
  /** The group's licenses once Entra has applied the change. */
  after: AssignedLicense[];
  /** "Add Microsoft 365 E5 (Yammer off)" — what the change does, in words. */
  description: string;
}

export type GroupChangeResult =
  | { ok: true; value: GroupLicenseChange }
  | { ok: false; reason: 'nothingToDo' | 'refused'; message: string };

const planNames = (sku: Sku, ids: readonly string[]): string =>
  ids
    .map((id) => {
      const plan = sku.servicePlans.find((candidate) => candidate.servicePlanId === id);
      return plan ? planDisplayName(plan) : id;
    })
    .join(', ');

function planName(id: ServicePlanId, skus: ReadonlyMap<SkuId, Sku>): string {
  for (const sku of skus.values()) {
    const plan = sku.servicePlans.find((candidate) => candidate.servicePlanId === id);
    if (plan) {
      return planDisplayName(plan);
    }
  }
  return id;
}

/**
 * A plan turned on without the plan it needs, or two plans that exclude each other, in the
 * group's own licenses: Entra refuses the first and fails every member on the second, so it is
 * refused before Graph is called, naming both plans.
 */
function ruleBroken(
  groupName: string,
  after: readonly AssignedLicense[],
  skus: ReadonlyMap<SkuId, Sku>,
  rules: readonly PlanRule[],
): string | undefined {
  const [conflict] = findConflicts(enabledPlans(after, skus), rules);
  if (conflict === undefined) {
    return undefined;
  }
  if (conflict.kind === 'missingDependency') {
    const needed = conflict.requiresAnyOf.map((id) => planName(id, skus)).join(' or ');
    return `In "${groupName}", ${planName(conflict.planId, skus)} needs ${needed} turned on in the same group: Entra refuses a group license whose plan's dependency is off. Turn ${needed} on, or leave ${planName(conflict.planId, skus)} off too.`;
  }
  const [first, second] = conflict.planIds.map((id) => planName(id, skus));
  return `In "${groupName}", ${first} and ${second} cannot both be on: every member would fail with a mutually exclusive plans error. Leave one of them off.`;
}

/**
 * Works out the body that takes a group from its current licenses to the wished ones, or why
 * there is nothing to send (already so) or it must not be sent (a rule the group would break).
 */
export function groupLicenseChange(
  groupName: string,
  current: readonly AssignedLicense[],
  wish: GroupLicenseWish,
  skus: readonly Sku[],
  rules: readonly PlanRule[],
): GroupChangeResult {
  const byId = new Map(skus.map((sku) => [sku.skuId, sku]));
  const held = new Map(current.map((license) => [license.skuId, license]));
  if (wish.kind === 'unlicense') {
    const missing = wish.skus.find((sku) => !held.has(sku.skuId));
    if (missing) {
      return {
        ok: false,
        reason: 'nothingToDo',
        message: `"${groupName}" does not hand out ${skuDisplayName(missing)}: nothing to remove.`,
      };
    }
    const removed = new Set(wish.skus.map((sku) => sku.skuId));
    return {
      ok: true,
      value: {
        kind: 'remove',
        body: { addLicenses: [], removeLicenses: [...removed] },
        after: current.filter((license) => !removed.has(license.skuId)),
        description: `Remove ${wish.skus.map((sku) => skuDisplayName(sku)).join(', ')}`,
      },
    };
  }
  const changed = wish.licenses.filter(({ sku, disabledPlanIds }) => {
    const existing = held.get(sku.skuId);
    return existing === undefined || !samePlans(existing.disabledPlans, disabledPlanIds);
  });
  if (changed.length === 0) {
    return {
      ok: false,
      reason: 'nothingToDo',
      message: `"${groupName}" already hands out ${wish.licenses.map(({ sku }) => skuDisplayName(sku)).join(', ')} with those plans: nothing to change.`,
    };
  }
  const after = [
    ...current.filter((license) => !changed.some(({ sku }) => sku.skuId === license.skuId)),
    ...changed.map(({ sku, disabledPlanIds }) => ({
      skuId: sku.skuId,
      disabledPlans: [...disabledPlanIds],
    })),
  ];
  const broken = ruleBroken(groupName, after, byId, rules);
  if (broken !== undefined) {
    return { ok: false, reason: 'refused', message: broken };
  }
  const isModify = changed.some(({ sku }) => held.has(sku.skuId));
  const words = changed.map(({ sku, disabledPlanIds }) => {
    const off = disabledPlanIds.length > 0 ? ` (${planNames(sku, disabledPlanIds)} off)` : '';
    return `${skuDisplayName(sku)}${off}`;
  });
  return {
    ok: true,
    value: {
      kind: isModify ? 'modify' : 'assign',
      body: {
        addLicenses: changed.map(({ sku, disabledPlanIds }) => ({
          skuId: sku.skuId,
          disabledPlans: [...disabledPlanIds],
        })),
        removeLicenses: [],
      },
      after,
      description: `${isModify ? 'Change the plans of' : 'Add'} ${words.join(', ')}`,
    },
  };
}
