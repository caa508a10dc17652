import type { CapabilityStatus } from '../licensing.ts';

/** How short a SKU is of seats; `ok` when it is not. */
export type SeatLevel = 'ok' | 'nearly-out' | 'none-left' | 'over-used';

/** Seats left at or below which a SKU is nearly out, as the `licenses` card counts them. */
export interface NearlyOut {
  seats: number;
  /** A share of the seats bought, e.g. 0.05. */
  share: number;
}

/**
 * A SKU's seat level, by the thresholds of the `licenses` card. A subscription that no longer
 * works (suspended, locked out, deleted) is the subscription alert's business, not a seat level.
 */
export function seatLevel(
  total: number,
  available: number,
  status: CapabilityStatus,
  nearlyOut: NearlyOut,
): SeatLevel {
  if (status === 'Suspended' || status === 'LockedOut' || status === 'Deleted') {
    return 'ok';
  }
  if (available < 0) {
    return 'over-used';
  }
  if (total > 0 && available === 0) {
    return 'none-left';
  }
  if (total > 0 && (available <= nearlyOut.seats || available <= total * nearlyOut.share)) {
    return 'nearly-out';
  }
  return 'ok';
}
