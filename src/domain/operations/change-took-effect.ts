import type { AssignedLicense, DirectoryUser } from '../licensing.ts';
import type { OperationItem } from './operation.ts';

/** What of a user a resumed run reads to settle an item left `sent`. */
export type UserLicensesNow = Pick<
  DirectoryUser,
  'assignedLicenses' | 'licenseAssignmentStates' | 'usageLocation'
>;

// Graph writes GUIDs in lower case, but nothing promises the stored body did.
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The licenses assigned to the user directly: an `assignLicense` call only ever changes these.
 * A SKU the user also (or only) gets from a group stays in `assignedLicenses` whatever the call
 * did, so the per-source states decide when they were read.
 */
function directLicenses(user: UserLicensesNow): AssignedLicense[] {
  if (user.licenseAssignmentStates === undefined) {
    return user.assignedLicenses ?? [];
  }
  return user.licenseAssignmentStates
    .filter((state) => state.assignedByGroup === null)
    .map((state) => ({ skuId: state.skuId, disabledPlans: state.disabledPlans }));
}

function samePlans(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((plan) => b.some((other) => same(plan, other)));
}

/**
 * Whether one user's change is already in their licenses, read after a process died between
 * sending it and recording the answer: every added SKU is assigned with exactly the body's
 * disabled plans (in any order), every removed SKU is gone, and the usage location is the one the
 * item sets, if it sets one. True means "done, do not send again"; false means "send it again",
 * which is safe: the same `assignLicense` twice ends in the same licenses.
 */
export function changeTookEffect(
  item: Pick<OperationItem, 'body' | 'setUsageLocation'>,
  user: UserLicensesNow,
): boolean {
  if (
    item.setUsageLocation !== undefined &&
    !same(user.usageLocation ?? '', item.setUsageLocation)
  ) {
    return false;
  }
  const held = directLicenses(user);
  const added = item.body.addLicenses.every((wanted) =>
    held.some(
      (license) =>
        same(license.skuId, wanted.skuId) && samePlans(license.disabledPlans, wanted.disabledPlans),
    ),
  );
  const removed = item.body.removeLicenses.every(
    (skuId) => !held.some((license) => same(license.skuId, skuId)),
  );
  return added && removed;
}
