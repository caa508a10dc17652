import type { AssignLicenseBody, DirectoryUser } from '../licensing.ts';
import { licenseSources } from '../planning/user-licenses.ts';

/** An item's change as planned, and the user as Graph has them at send time. */
export interface PlannedChange {
  body: AssignLicenseBody;
  setUsageLocation?: string;
}

/** What is still to send for a user who may have changed since the request was planned. */
export type Recheck =
  | { kind: 'asPlanned' }
  | { kind: 'replanned'; change: PlannedChange }
  | { kind: 'nothingLeft'; note: string };

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const left = new Set(a.map((id) => id.toLowerCase()));
  return (
    left.size === new Set(b.map((id) => id.toLowerCase())).size &&
    b.every((id) => left.has(id.toLowerCase()))
  );
};

/**
 * Plans a user's change again on what they hold now, so a run never sends a stale body: a
 * license they already hold exactly as asked is not added again, one they no longer hold is not
 * removed, a usage location someone set meanwhile is not overwritten. Nothing left: the change was
 * made by someone else, and the user is skipped. A user Graph no longer has is sent as planned
 * (Graph's answer fails them with its reason).
 */
export function recheckItem(planned: PlannedChange, user: DirectoryUser | undefined): Recheck {
  if (user === undefined) {
    return { kind: 'asPlanned' };
  }
  const held = new Map(
    (user.assignedLicenses ?? []).map((license) => [license.skuId.toLowerCase(), license]),
  );
  // Held through a group only, a license is still added directly: that is what was asked.
  const addLicenses = planned.body.addLicenses.filter((license) => {
    const now = held.get(license.skuId.toLowerCase());
    const direct = licenseSources(user, now?.skuId ?? license.skuId)?.direct === true;
    return now === undefined || !direct || !sameSet(now.disabledPlans, license.disabledPlans);
  });
  const removeLicenses = planned.body.removeLicenses.filter((skuId) =>
    held.has(skuId.toLowerCase()),
  );
  const keepsLocation = planned.setUsageLocation !== undefined && !user.usageLocation;
  const unchanged =
    addLicenses.length === planned.body.addLicenses.length &&
    removeLicenses.length === planned.body.removeLicenses.length &&
    keepsLocation === (planned.setUsageLocation !== undefined);
  if (unchanged) {
    return { kind: 'asPlanned' };
  }
  if (addLicenses.length === 0 && removeLicenses.length === 0) {
    return {
      kind: 'nothingLeft',
      note: 'Nothing to do: the user was already as asked when the run reached them (changed since the request was planned).',
    };
  }
  return {
    kind: 'replanned',
    change: {
      body: { addLicenses, removeLicenses },
      ...(keepsLocation ? { setUsageLocation: planned.setUsageLocation } : {}),
    },
  };
}
