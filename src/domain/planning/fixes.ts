import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import { resolvePlan } from '../catalogue/resolve-sku.ts';
import type { AssignCommand, LicenseCommand } from '../commands/license-command.ts';
import type { LicensingFailure } from '../errors.ts';
import type { AssignLicenseBody, ServicePlanId, Sku, SkuId } from '../licensing.ts';
import type { ConflictDetail } from './conflicts.ts';
import type { SeatImpact } from './impact.ts';

/** A license change as it could be typed: what a fix button sends again. */
export type ChangeRequest = Exclude<LicenseCommand, { kind: 'request' }>;

/**
 * A way out of a failure, as data: see who holds a SKU, ask a corrected request (parsed,
 * authorised and approved like typed text), or ask again once a usage location is picked.
 */
export type Fix =
  | { kind: 'whoHolds'; title: string; skuId: SkuId; shortfall: number }
  | { kind: 'request'; title: string; request: ChangeRequest }
  | { kind: 'askLocation'; title: string; request: AssignCommand };

/** What a fix may use: the tenant's SKUs to name things, and the request that failed. */
export interface FixContext {
  skus: readonly Sku[];
  /** The request as typed (or rebuilt from an item); without it, only "who holds" is offered. */
  request?: ChangeRequest;
  /** Seats this request lacks, for the holders card; 1 when unknown. */
  shortfall?: number;
}

const skuOf = (skuId: SkuId, skus: readonly Sku[]): Sku | undefined =>
  skus.find((sku) => sku.skuId === skuId);

const skuName = (skuId: SkuId, skus: readonly Sku[]): string => {
  const sku = skuOf(skuId, skus);
  return sku ? skuDisplayName(sku) : skuId;
};

function planOf(planId: ServicePlanId, skus: readonly Sku[]) {
  return skus.flatMap((sku) => sku.servicePlans).find((plan) => plan.servicePlanId === planId);
}

const planName = (planId: ServicePlanId, skus: readonly Sku[]): string => {
  const plan = planOf(planId, skus);
  return plan ? planDisplayName(plan) : planId;
};

// Commands name plans and SKUs by their codes: unambiguous, and free of the commas and words
// ("and", "for") that the grammar splits on.
const planCode = (planId: ServicePlanId, skus: readonly Sku[]): string =>
  planOf(planId, skus)?.servicePlanName ?? planId;

const skuCode = (skuId: SkuId, skus: readonly Sku[]): string =>
  skuOf(skuId, skus)?.skuPartNumber ?? skuId;

/** "Who holds <SKU>?": the first step when there are no seats left. */
function whoHolds(skuId: SkuId, name: string | undefined, shortfall: number): Fix {
  // Without the tenant's SKUs at hand the id would be all there is to show: say "these seats".
  const title = name === undefined ? 'Who holds these seats?' : `Who holds ${name}?`;
  return { kind: 'whoHolds', title, skuId, shortfall };
}

/** The "who holds" fix of every SKU an operation would leave short. */
export function shortfallFixes(seats: readonly SeatImpact[]): Fix[] {
  return seats.flatMap((seat) =>
    seat.shortfall > 0 ? [whoHolds(seat.skuId, seat.name, seat.shortfall)] : [],
  );
}

/**
 * The same assignment with one more plan off, unless that would leave the license with no plan
 * on at all (a single-plan product): License Desk refuses such a request, so no such button.
 */
function assignWithout(
  request: AssignCommand,
  planId: ServicePlanId,
  sku: Sku | undefined,
  skus: readonly Sku[],
): Fix[] {
  const off = new Set([planId]);
  for (const word of request.withoutPlans) {
    const found = sku ? resolvePlan(word, sku) : undefined;
    if (found?.kind === 'found') {
      off.add(found.plan.servicePlanId);
    }
  }
  if (sku && sku.servicePlans.every((plan) => off.has(plan.servicePlanId))) {
    return [];
  }
  return [
    {
      kind: 'request',
      title: `Assign without ${planName(planId, skus)}`,
      request: { ...request, withoutPlans: [...request.withoutPlans, planCode(planId, skus)] },
    },
  ];
}

const turnOffFirst = (
  request: ChangeRequest,
  planId: ServicePlanId,
  skuId: SkuId,
  skus: readonly Sku[],
): Fix => ({
  kind: 'request',
  title: `Turn off ${planName(planId, skus)} in ${skuName(skuId, skus)} first`,
  request: {
    kind: 'modify',
    action: 'disable',
    plans: [planCode(planId, skus)],
    sku: skuCode(skuId, skus),
    users: request.users,
    // The same reason: turning the plan off is asked for the request it unblocks.
    ...(request.justification ? { justification: request.justification } : {}),
  },
});

/**
 * The same assignment with a plan left on: the typed "without" words that name one of
 * `planIds` in the SKU are dropped. Undefined when none of them does.
 */
function assignWith(
  request: AssignCommand,
  sku: Sku,
  planIds: readonly ServicePlanId[],
  skus: readonly Sku[],
): Fix | undefined {
  const named = (word: string): ServicePlanId | undefined => {
    const found = resolvePlan(word, sku);
    return found.kind === 'found' && planIds.includes(found.plan.servicePlanId)
      ? found.plan.servicePlanId
      : undefined;
  };
  const turnedOn = request.withoutPlans.map(named).filter((id) => id !== undefined);
  if (turnedOn.length === 0) {
    return undefined;
  }
  return {
    kind: 'request',
    title: `Assign with ${turnedOn.map((id) => planName(id, skus)).join(' and ')} on`,
    request: {
      ...request,
      withoutPlans: request.withoutPlans.filter((word) => named(word) === undefined),
    },
  };
}

/**
 * The fixes of one plan conflict. Mutually exclusive plans: for a plan the assignment brings,
 * "Assign without it"; for a plan on in a license the user keeps, "Turn it off there first".
 * A missing dependency: "Assign with it on" when the request itself left the needed plan off.
 */
export function conflictFixes(detail: ConflictDetail, ctx: FixContext): Fix[] {
  const { request, skus } = ctx;
  if (request === undefined) {
    return [];
  }
  const { conflict, sources } = detail;
  if (conflict.kind === 'mutuallyExclusive') {
    return sources.flatMap((source) => {
      if (source.fromGroupsOnly) {
        return []; // the group's license is changed on the group: its refusal names the group
      }
      if (!source.isNew) {
        return [turnOffFirst(request, source.planId, source.skuId, skus)];
      }
      return request.kind === 'assign'
        ? assignWithout(request, source.planId, skuOf(source.skuId, skus), skus)
        : [];
    });
  }
  if (request.kind !== 'assign') {
    return [];
  }
  return sources.flatMap((source) => {
    const sku = skuOf(source.skuId, skus);
    const fix =
      source.isNew && sku ? assignWith(request, sku, conflict.requiresAnyOf, skus) : undefined;
    return fix ? [fix] : [];
  });
}

/** The SKU an assignment adds, when the request names exactly one the tenant has. */
function addedSku(request: AssignCommand, skus: readonly Sku[]): Sku | undefined {
  const word = request.license.trim().toLowerCase();
  return skus.find(
    (sku) =>
      sku.skuId.toLowerCase() === word ||
      sku.skuPartNumber.toLowerCase() === word ||
      skuDisplayName(sku).toLowerCase() === word,
  );
}

/**
 * The fixes of a failure, when the request was refused or failed at Microsoft 365: no seats →
 * who holds the SKU; no usage location → pick one and ask again; plans Microsoft 365 found
 * mutually exclusive → assign without the one the license brings; a missing dependency → assign
 * with the needed plan on. A license a group assigns has no button: its message names the group.
 */
export function failureFixes(failure: LicensingFailure, ctx: FixContext): Fix[] {
  const { request, skus } = ctx;
  switch (failure.code) {
    case 'NO_SEATS': {
      if (failure.skuId === undefined) {
        return [];
      }
      const sku = skuOf(failure.skuId, skus);
      return [whoHolds(failure.skuId, sku ? skuDisplayName(sku) : undefined, ctx.shortfall ?? 1)];
    }
    case 'USAGE_LOCATION_MISSING':
      return request?.kind === 'assign'
        ? [{ kind: 'askLocation', title: 'Set the usage location and ask again', request }]
        : [];
    case 'MUTUALLY_EXCLUSIVE_PLANS':
    case 'MISSING_DEPENDENCY': {
      const sku = request?.kind === 'assign' ? addedSku(request, skus) : undefined;
      if (request?.kind !== 'assign' || sku === undefined) {
        return [];
      }
      const inSku = (failure.planIds ?? []).filter((id) =>
        sku.servicePlans.some((plan) => plan.servicePlanId === id),
      );
      if (failure.code === 'MISSING_DEPENDENCY') {
        const fix = assignWith(request, sku, inSku, skus);
        return fix ? [fix] : [];
      }
      return inSku.flatMap((id) => assignWithout(request, id, sku, skus));
    }
    default:
      return [];
  }
}

/**
 * The request one user's item stands for, to ask it again corrected: a single added license
 * (with its plans off) becomes `assign <SKU> to <user> without …`, with the operation's reason
 * (approvers of the fix decide on the same grounds). Other changes have no one-line retry.
 */
export function requestForItem(
  item: { userPrincipalName: string; body: AssignLicenseBody },
  skus: readonly Sku[],
  justification?: string,
): AssignCommand | undefined {
  const [only, ...others] = item.body.addLicenses;
  if (only === undefined || others.length > 0 || item.body.removeLicenses.length > 0) {
    return undefined;
  }
  return {
    kind: 'assign',
    license: skuCode(only.skuId, skus),
    users: [item.userPrincipalName],
    withoutPlans: only.disabledPlans.map((id) => planCode(id, skus)),
    ...(justification ? { justification } : {}),
  };
}
