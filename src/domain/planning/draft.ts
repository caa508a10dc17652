import { skuDisplayName } from '../catalogue/display-names.ts';
import type { LicensingFailure } from '../errors.ts';
import type { AssignedLicense, DirectoryUser, Sku, SkuId } from '../licensing.ts';
import type { PlanningContext } from './license-change.ts';

/** A user's change before the usage location, seats and conflicts are worked out. */
export type Draft =
  | { kind: 'send'; add: AssignedLicense[]; remove: SkuId[]; notes: string[] }
  | { kind: 'noop'; reason: string }
  | { kind: 'blocked'; failure: LicensingFailure };

/** A refusal with a stable code, for one user. */
export const blocked = (
  code: LicensingFailure['code'],
  message: string,
  extra: Partial<LicensingFailure> = {},
): Draft => ({ kind: 'blocked', failure: { code, message, retryable: false, ...extra } });

/** The refusal for a license a group assigns: it names the group, which is where to change it. */
export function groupRefusal(
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

/**
 * Why a SKU cannot be given to a user at all: a company-wide subscription (`appliesTo` not
 * `User`) is refused by Graph, and a suspended, deleted or locked-out one has no seats to give.
 */
export function unassignable(sku: Sku): Draft | undefined {
  if (sku.appliesTo !== 'User') {
    return blocked(
      'INVALID_REQUEST',
      `${skuDisplayName(sku)} is licensed to the organisation, not to users: it cannot be assigned to anyone.`,
      { skuId: sku.skuId },
    );
  }
  if (sku.capabilityStatus !== 'Enabled' && sku.capabilityStatus !== 'Warning') {
    return blocked(
      'NO_SEATS',
      `${skuDisplayName(sku)} is ${sku.capabilityStatus === 'LockedOut' ? 'locked out' : sku.capabilityStatus.toLowerCase()}: renew or reactivate the subscription before assigning it.`,
      { skuId: sku.skuId },
    );
  }
  return undefined;
}
