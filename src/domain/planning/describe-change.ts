import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type { Sku } from '../licensing.ts';
import type { LicenseChange } from './license-change.ts';

const users = (count: number): string => `${count} user${count === 1 ? '' : 's'}`;
const skuNames = (skus: readonly Sku[]): string =>
  skus.map((sku) => skuDisplayName(sku)).join(' and ');

function planNames(sku: Sku, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const plan = sku.servicePlans.find((candidate) => candidate.servicePlanId === id);
      return plan === undefined ? id : planDisplayName(plan);
    })
    .join(', ');
}

// The line is read on cards and in notices: name the first plans turned off, count the rest.
const MAX_PLANS_NAMED = 5;

function withoutPlans(sku: Sku, disabledPlanIds: readonly string[]): string {
  if (disabledPlanIds.length === 0) {
    return skuDisplayName(sku);
  }
  const named = planNames(sku, disabledPlanIds.slice(0, MAX_PLANS_NAMED));
  const more = disabledPlanIds.length - MAX_PLANS_NAMED;
  return `${skuDisplayName(sku)} (without ${named}${more > 0 ? ` and ${more} more` : ''})`;
}

/**
 * One line for cards and history: "Assign Microsoft 365 E3 (without Yammer Enterprise) to 3
 * users", so an approver sees which plans stay off without opening anything.
 */
export function describeChange(change: LicenseChange, userCount: number): string {
  switch (change.kind) {
    case 'assign':
      return `Assign ${change.licenses
        .map((license) => withoutPlans(license.sku, license.disabledPlanIds))
        .join(' and ')} to ${users(userCount)}`;
    case 'remove':
      return `Remove ${skuNames(change.skus)} from ${users(userCount)}`;
    case 'removeAll':
      return `Remove all direct licenses from ${users(userCount)}`;
    case 'transfer':
      return `Move ${users(userCount)} from ${skuDisplayName(change.from)} to ${skuDisplayName(change.to)}`;
    case 'modify': {
      if (change.keepsMailbox === true) {
        return `Remove ${skuDisplayName(change.sku)} from ${users(userCount)} but keep their mailboxes (Exchange Online stays on; the seat stays taken)`;
      }
      const parts = [
        change.enablePlanIds.length > 0
          ? `turn on ${planNames(change.sku, change.enablePlanIds)}`
          : '',
        change.disablePlanIds.length > 0
          ? `turn off ${planNames(change.sku, change.disablePlanIds)}`
          : '',
      ].filter((part) => part !== '');
      const what = parts.join(' and ');
      return `${what.charAt(0).toUpperCase()}${what.slice(1)} in ${skuDisplayName(change.sku)} for ${users(userCount)}`;
    }
  }
}

/**
 * One line for several changes made by one request (a file whose rows name their licenses):
 * the one change's line, or each change's line after the other.
 */
export function describeChanges(parts: readonly { change: LicenseChange; userCount: number }[]) {
  return parts.map((part) => describeChange(part.change, part.userCount)).join('; ');
}
