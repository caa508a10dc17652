import type { Container } from '@azure/cosmos';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import type { Versioned } from '../app/ports/stores.ts';
import type { Lease, LeaseClaim, LeaseRequest } from '../app/ports/lease-store.ts';
import { createVersioned, deleteIfMatch, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { claimOver, extended, leaseId } from './lease-claims.ts';

export type { Lease, LeaseClaim, LeaseRequest } from '../app/ports/lease-store.ts';

/**
 * Takes the lease when it is free, expired, or already ours (which renews it). Exactly one of
 * several instances claiming at once gets it: the others lose the ETag race and are told who
 * holds it.
 */
export async function tryAcquireLease(
  container: Container,
  request: LeaseRequest,
): Promise<LeaseClaim> {
  const id = leaseId(request.name);
  const current = await readVersioned<Lease>(container, id, request.tenantId);
  const claim = claimOver(current?.value ?? null, request);
  if ('refused' in claim) {
    return claim.refused;
  }
  try {
    const lease =
      current === null
        ? await createVersioned(container, claim.write)
        : await replaceIfMatch(container, claim.write, request.tenantId, current.etag);
    return { acquired: true, lease };
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) {
      throw error;
    }
    const winner = await readVersioned<Lease>(container, id, request.tenantId);
    return {
      acquired: false,
      heldBy: winner?.value.holder ?? 'unknown',
      expiresAt: winner?.value.expiresAt ?? request.now.toISOString(),
    };
  }
}

/**
 * Extends a lease we hold to `now + durationMs` if nobody wrote it since we did (IfMatch); null
 * when it was taken over or released meanwhile.
 */
export async function renewLease(
  container: Container,
  lease: Versioned<Lease>,
  now: Date,
  durationMs: number,
): Promise<Versioned<Lease> | null> {
  try {
    return await replaceIfMatch(
      container,
      extended(lease.value, now, durationMs),
      lease.value.tenantId,
      lease.etag,
    );
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return null;
    }
    throw error;
  }
}

/**
 * Gives the lease back so another instance need not wait for it to expire. False when it was no
 * longer ours (renewed by nobody and taken over): then whatever it guarded may already run elsewhere.
 */
export async function releaseLease(
  container: Container,
  lease: Versioned<Lease>,
): Promise<boolean> {
  try {
    return await deleteIfMatch(container, lease.value.id, lease.value.tenantId, lease.etag);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return false;
    }
    throw error;
  }
}
