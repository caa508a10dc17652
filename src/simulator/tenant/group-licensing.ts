import { badRequest, failure, success } from './graph-errors.ts';
import type { LicenseChange } from './license-body.ts';
import { heldSkuIds, type LicenseLedger } from './license-ledger.ts';
import { bringsMailbox } from './mailbox.ts';
import { newViolation } from './plan-rules.ts';
import type { Outcome, SimAssignedLicense, SimGroup, SimLicenseState, SimUser } from './types.ts';

/**
 * The licenses a group would hold after an `assignLicense`, checked now (the answer is 202 and the
 * members are processed later): known user SKUs, plans of those SKUs, and every enabled plan's
 * dependency enabled in the same group.
 */
export function planGroupLicenses(
  ledger: LicenseLedger,
  group: SimGroup,
  change: LicenseChange,
): Outcome<SimAssignedLicense[]> {
  if (!group.securityEnabled) {
    return failure(badRequest('License assignment is only supported for security-enabled groups.'));
  }
  let next = [...group.assignedLicenses];
  for (const skuId of change.removeLicenses) {
    if (!next.some((license) => license.skuId === skuId)) {
      return failure(badRequest('Group does not have a corresponding license.'));
    }
    next = next.filter((license) => license.skuId !== skuId);
  }
  for (const license of change.addLicenses) {
    const sku = ledger.sku(license.skuId);
    if (!sku || sku.appliesTo !== 'User') {
      return failure(
        badRequest(`License ${license.skuId} does not correspond to a valid company License.`),
      );
    }
    const plans = new Set(sku.servicePlans.map((plan) => plan.servicePlanId));
    const unknown = license.disabledPlans.find((plan) => !plans.has(plan));
    if (unknown !== undefined) {
      return failure(
        badRequest(
          `Invalid value specified for property 'disabledPlans' of resource 'AssignedLicense': service plan ${unknown} is not part of license ${license.skuId}.`,
        ),
      );
    }
    next = [...next.filter((held) => held.skuId !== license.skuId), license];
  }
  const asStates = next.map((license) => groupState(license, group.id, 'Active', 'None', ''));
  const violation = newViolation(new Set(), ledger.enabledPlans(asStates), ledger.rules);
  if (violation?.reason === 'DependencyViolation') {
    return failure(badRequest(violation.message));
  }
  return success(next);
}

function groupState(
  license: SimAssignedLicense,
  groupId: string,
  state: SimLicenseState['state'],
  error: SimLicenseState['error'],
  now: string,
): SimLicenseState {
  return {
    skuId: license.skuId,
    disabledPlans: [...license.disabledPlans],
    assignedByGroup: groupId,
    state,
    error,
    lastUpdatedDateTime: now,
  };
}

/** A user's licenses after group-based licensing looked at them again. */
export interface GroupEvaluation {
  states: SimLicenseState[];
  usageLocation: string | null;
}

/** What the directory knows beyond licenses: Exchange's view of the user's addresses. */
export interface EvaluationContext {
  /** True when one of the user's proxy addresses belongs to another user's mailbox. */
  addressTaken?: (user: SimUser) => boolean;
}

/**
 * Re-evaluates every group-based license of one user, group by group in the given order. A group
 * is all-or-none for the user: if one of its SKUs fails (no seat, a rule, a mailbox whose address
 * another mailbox holds), all of its SKUs are in Error for them. Seats the user already held stay
 * theirs even when a SKU is over-used.
 */
export function evaluateGroupLicenses(
  ledger: LicenseLedger,
  user: SimUser,
  licensingGroups: readonly SimGroup[],
  countryLetterCode: string,
  now: string,
  context: EvaluationContext = {},
): GroupEvaluation {
  const heldBefore = heldSkuIds(user.licenseAssignmentStates);
  const previous = new Map(
    user.licenseAssignmentStates.map((state) => [`${state.assignedByGroup}|${state.skuId}`, state]),
  );
  let states = user.licenseAssignmentStates.filter((state) => state.assignedByGroup === null);
  // Group-based licensing fills in a missing usage location from the tenant, never replaces one.
  const usageLocation =
    licensingGroups.length > 0 && user.usageLocation === null && countryLetterCode !== ''
      ? countryLetterCode
      : user.usageLocation;
  for (const group of licensingGroups) {
    const held = heldSkuIds(states);
    const needsSeat = group.assignedLicenses.filter(
      (license) => !held.has(license.skuId) && !heldBefore.has(license.skuId),
    );
    const candidate = group.assignedLicenses.map((license) =>
      groupState(license, group.id, 'Active', 'None', now),
    );
    let error: SimLicenseState['error'] = 'None';
    if (
      usageLocation === null ||
      group.assignedLicenses.some((license) => !ledger.allowedIn(license.skuId, usageLocation))
    ) {
      error = 'ProhibitedInUsageLocationViolation';
    } else if (needsSeat.some((license) => !ledger.hasFreeSeat(license.skuId))) {
      error = 'CountViolation';
    } else {
      const violation = newViolation(
        ledger.enabledPlans(states),
        ledger.enabledPlans([...states, ...candidate]),
        ledger.rules,
      );
      if (violation) {
        error = violation.reason;
      } else if (
        context.addressTaken !== undefined &&
        bringsMailbox(ledger, group.assignedLicenses) &&
        context.addressTaken(user)
      ) {
        // Exchange cannot provision the mailbox: "Proxy address is already being used".
        error = 'UniquenessViolation';
      }
    }
    const outcome = group.assignedLicenses.map((license) => {
      const fresh = groupState(
        license,
        group.id,
        error === 'None' ? 'Active' : 'Error',
        error,
        now,
      );
      const old = previous.get(`${group.id}|${license.skuId}`);
      // An unchanged state keeps its timestamp, as Graph's lastUpdatedDateTime does.
      return old &&
        old.state === fresh.state &&
        old.error === fresh.error &&
        old.disabledPlans.join() === fresh.disabledPlans.join()
        ? old
        : fresh;
    });
    states = [...states, ...outcome];
  }
  return { states, usageLocation };
}
