import { badRequest, failure, success } from './graph-errors.ts';
import type { LicenseChange } from './license-body.ts';
import { heldSkuIds, type LicenseLedger } from './license-ledger.ts';
import { newViolation } from './plan-rules.ts';
import type { Outcome, SimLicenseState, SimUser } from './types.ts';

function checkSkus(ledger: LicenseLedger, change: LicenseChange): Outcome<void> {
  for (const license of change.addLicenses) {
    const sku = ledger.sku(license.skuId);
    if (!sku) {
      return failure(
        badRequest(`License ${license.skuId} does not correspond to a valid company License.`),
      );
    }
    if (sku.appliesTo !== 'User') {
      return failure(
        badRequest(
          `License assignment failed because the license ${license.skuId} applies to the company and cannot be assigned to a user.`,
        ),
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
  }
  return success(undefined);
}

function applyRemovals(
  states: readonly SimLicenseState[],
  removals: readonly string[],
): Outcome<SimLicenseState[]> {
  let kept = [...states];
  for (const skuId of removals) {
    const sources = kept.filter((state) => state.skuId === skuId);
    if (sources.some((state) => state.assignedByGroup === null)) {
      kept = kept.filter((state) => !(state.skuId === skuId && state.assignedByGroup === null));
    } else if (sources.length > 0) {
      return failure(
        badRequest(
          'User license is inherited from a group membership and it cannot be removed directly from the user.',
        ),
      );
    } else {
      return failure(badRequest('User does not have a corresponding license.'));
    }
  }
  return success(kept);
}

/**
 * The states a user would have after a direct `assignLicense`, or Graph's refusal. All-or-nothing:
 * nothing is written here, so a swap that fails on its add leaves the removal undone too.
 */
export function planDirectAssignment(
  ledger: LicenseLedger,
  user: SimUser,
  change: LicenseChange,
  now: string,
): Outcome<SimLicenseState[]> {
  const skus = checkSkus(ledger, change);
  if (!skus.ok) {
    return failure(skus.error);
  }
  const removed = applyRemovals(user.licenseAssignmentStates, change.removeLicenses);
  if (!removed.ok) {
    return removed;
  }
  // Direct assignment never falls back on the tenant's country, unlike group-based licensing.
  const location = user.usageLocation;
  const prohibited = change.addLicenses.some(
    (license) => location !== null && !ledger.allowedIn(license.skuId, location),
  );
  if ((change.addLicenses.length > 0 && location === null) || prohibited) {
    return failure(
      badRequest('License assignment cannot be done for user with invalid usage location.'),
    );
  }
  const heldBefore = heldSkuIds(user.licenseAssignmentStates);
  const next = removed.value.filter(
    (state) =>
      !(
        state.assignedByGroup === null &&
        change.addLicenses.some((license) => license.skuId === state.skuId)
      ),
  );
  for (const license of change.addLicenses) {
    if (!heldBefore.has(license.skuId) && !ledger.hasFreeSeat(license.skuId)) {
      return failure(
        badRequest(`Subscription ${license.skuId} does not have any available licenses.`),
      );
    }
    next.push({
      skuId: license.skuId,
      disabledPlans: license.disabledPlans,
      assignedByGroup: null,
      state: 'Active',
      error: 'None',
      lastUpdatedDateTime: now,
    });
  }
  const violation = newViolation(
    ledger.enabledPlans(user.licenseAssignmentStates),
    ledger.enabledPlans(next),
    ledger.rules,
  );
  return violation ? failure(badRequest(violation.message)) : success(next);
}
