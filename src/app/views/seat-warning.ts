import type { CapabilityStatus } from '../../domain/licensing.ts';

/** Seats left at or below which a SKU is "nearly out": 5 seats, or 5 % of those bought. */
export const NEARLY_OUT_SEATS = 5;
export const NEARLY_OUT_SHARE = 0.05;

/** A warning an admin should act on about a SKU's seats or subscription, if any. */
export function seatWarning(
  total: number,
  available: number,
  status: CapabilityStatus,
): string | undefined {
  if (status === 'Suspended' || status === 'LockedOut' || status === 'Deleted') {
    return `Subscription ${status.toLowerCase()}: these licenses no longer work. Renew or replace it.`;
  }
  if (available < 0) {
    return `Over-used by ${-available} seat${-available === 1 ? '' : 's'}: buy more or remove some.`;
  }
  if (total > 0 && available === 0) {
    return 'No seats left: new assignments will fail until you buy more.';
  }
  if (total > 0 && (available <= NEARLY_OUT_SEATS || available <= total * NEARLY_OUT_SHARE)) {
    return `Nearly out: only ${available} seat${available === 1 ? '' : 's'} left.`;
  }
  if (status === 'Warning') {
    return 'Subscription expired (grace period): renew it before it is suspended.';
  }
  return undefined;
}
