import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { AlertFinding } from '../../domain/alerts/alert.ts';
import {
  subscriptionTrouble,
  type CompanySubscription,
} from '../../domain/alerts/subscription-alert.ts';
import type { Sku } from '../../domain/licensing.ts';

/** How far ahead an expiry or renewal is announced. */
export const EXPIRY_WINDOW_DAYS = 30;

const ADMIN_CENTER = 'Microsoft 365 admin center › Billing › Your products';

/**
 * Subscriptions expiring within 30 days, in their grace period, or suspended, with what to do
 * about them in the admin center (License Desk cannot buy or renew).
 */
export function subscriptionFindings(
  subscriptions: readonly CompanySubscription[],
  skus: readonly Sku[],
  now: Date,
): AlertFinding[] {
  const skuById = new Map(skus.map((sku) => [sku.skuId, sku]));
  const findings: AlertFinding[] = [];
  for (const subscription of subscriptions) {
    const trouble = subscriptionTrouble(subscription, now, EXPIRY_WINDOW_DAYS);
    if (trouble === undefined) {
      continue;
    }
    const sku = skuById.get(subscription.skuId);
    const name = skuDisplayName(sku ?? (subscription.skuPartNumber || subscription.skuId));
    const users = sku?.consumedUnits ?? 0;
    const date = (subscription.nextLifecycleDateTime ?? '').slice(0, 10);
    const trial = subscription.isTrial ? ' (trial)' : '';
    const base = { id: `subscription:${subscription.id}`, kind: 'subscription' as const, users };
    if (trouble.kind === 'expiring') {
      findings.push({
        ...base,
        fingerprint: `expiring:${date}`,
        title: `${name}${trial}: ${subscription.totalLicenses} licenses renew or expire on ${date}`,
        reason: `Its next lifecycle date is in ${trouble.days} day${trouble.days === 1 ? '' : 's'}: if it is not renewed, its users lose the service.`,
        fix: {
          kind: 'admin-center',
          steps: `In the ${ADMIN_CENTER} › ${name}: check that recurring billing is on, or renew it before ${date}.`,
        },
      });
    } else if (trouble.kind === 'warning') {
      findings.push({
        ...base,
        fingerprint: 'warning',
        title: `${name}${trial}: expired, in its grace period`,
        reason: 'Its licenses still work for now; when the grace period ends they are suspended.',
        fix: {
          kind: 'admin-center',
          steps: `In the ${ADMIN_CENTER} › ${name}: renew it, or move its users to another product.`,
        },
      });
    } else {
      findings.push({
        ...base,
        fingerprint: 'suspended',
        title: `${name}${trial}: suspended`,
        reason: 'Its licenses no longer work: its users have lost the service.',
        fix: {
          kind: 'admin-center',
          steps: `In the ${ADMIN_CENTER} › ${name}: reactivate it, or assign its users another product.`,
        },
      });
    }
  }
  return findings;
}
