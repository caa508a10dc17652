import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { AutoApprovePolicy } from '../api-use-cases.ts';
import type { ApiCaller } from '../auth/api-caller.ts';

/** The app of `policy` the caller is, by client id or display name; never a delegated user. */
function allowedApp(who: ApiCaller, policy: AutoApprovePolicy): string | undefined {
  if (who.kind !== 'app') {
    return undefined;
  }
  const names = [who.caller.userId, who.caller.displayName].map((name) => name.toLowerCase());
  return policy.apps.find((app) => names.includes(app.toLowerCase()));
}

/**
 * Why License Desk may approve a pending operation itself, or undefined when an approver must:
 * an allowed app's change of users' licenses (not a group's) touching at most `maxUsers` users,
 * leaving no SKU short of seats, and asking no second approver.
 */
export function autoApprovalReason(
  who: ApiCaller,
  operation: StoredOperation,
  policy: AutoApprovePolicy | undefined,
): string | undefined {
  if (policy === undefined || policy.maxUsers <= 0 || operation.state !== 'pending') {
    return undefined;
  }
  const app = allowedApp(who, policy);
  const impact = operation.impact;
  const small =
    operation.group === undefined &&
    operation.userCount <= policy.maxUsers &&
    (operation.approversNeeded ?? 1) === 1;
  // Seats beyond the card's first few are not on the operation: unknown counts as needed.
  const noExtraSeats =
    impact !== undefined &&
    impact.moreSeats === 0 &&
    impact.seats.every((seat) => seat.shortfall === 0);
  return app !== undefined && small && noExtraSeats
    ? `auto-approved for app ${app} under API_AUTO_APPROVE_MAX_USERS=${policy.maxUsers}`
    : undefined;
}
