import type { Lease, LeaseClaim, LeaseRequest } from '../app/ports/lease-store.ts';
import { toItemId } from './item-ids.ts';

/** The lease document's id for a lease name (Cosmos ids may not hold every character). */
export const leaseId = (name: string): string => toItemId(`lease:${name}`);

/**
 * What a claim writes over the current lease (null: none yet), or, when another holder's lease
 * is still running, the refusal. Both lease stores use it, so they decide alike.
 */
export function claimOver(
  current: Lease | null,
  request: LeaseRequest,
): { write: Lease } | { refused: Extract<LeaseClaim, { acquired: false }> } {
  const now = request.now.getTime();
  if (
    current !== null &&
    current.holder !== request.holder &&
    Date.parse(current.expiresAt) > now
  ) {
    return { refused: { acquired: false, heldBy: current.holder, expiresAt: current.expiresAt } };
  }
  const renewing = current !== null && current.holder === request.holder;
  return {
    write: {
      id: leaseId(request.name),
      tenantId: request.tenantId,
      holder: request.holder,
      acquiredAt: renewing ? current.acquiredAt : request.now.toISOString(),
      expiresAt: new Date(now + request.durationMs).toISOString(),
    },
  };
}

/** The lease extended to `now + durationMs`, everything else kept. */
export const extended = (lease: Lease, now: Date, durationMs: number): Lease => ({
  ...lease,
  expiresAt: new Date(now.getTime() + durationMs).toISOString(),
});
