/** A commerce subscription as `GET /directory/subscriptions` (companySubscription) reports it. */
export interface CompanySubscription {
  id: string;
  skuId: string;
  skuPartNumber: string;
  /** `Enabled`, `Warning` (expired, in grace), `Suspended`, `Deleted`, `LockedOut`. */
  status: string;
  /** When it next changes state (renews, expires, is deleted); null when Graph does not say. */
  nextLifecycleDateTime: string | null;
  totalLicenses: number;
  isTrial: boolean;
}

/** Why a subscription needs attention, or undefined when it does not. */
export type SubscriptionTrouble =
  { kind: 'expiring'; days: number } | { kind: 'warning' } | { kind: 'suspended' } | undefined;

const DAY_MS = 86_400_000;

/**
 * Whether a subscription needs an admin: in its grace period (`Warning`), no longer working
 * (`Suspended`, `LockedOut`), or enabled with its next lifecycle date within `withinDays`
 * (expiring or renewing: the admin checks it renews). A deleted one is gone and says nothing.
 */
export function subscriptionTrouble(
  subscription: Pick<CompanySubscription, 'status' | 'nextLifecycleDateTime'>,
  now: Date,
  withinDays: number,
): SubscriptionTrouble {
  switch (subscription.status) {
    case 'Warning':
      return { kind: 'warning' };
    case 'Suspended':
    case 'LockedOut':
      return { kind: 'suspended' };
    case 'Enabled': {
      const at = Date.parse(subscription.nextLifecycleDateTime ?? '');
      if (Number.isNaN(at)) {
        return undefined;
      }
      const days = Math.max(0, Math.ceil((at - now.getTime()) / DAY_MS));
      return days <= withinDays ? { kind: 'expiring', days } : undefined;
    }
    default:
      return undefined;
  }
}
