import type { Container } from '@azure/cosmos';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { createVersioned, deleteIfMatch, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { toItemId } from './item-ids.ts';

/**
 * A lease: "instance `holder` does `name` for this tenant until `expiresAt`". When several
 * instances run, each tick of a periodic job (alert polling, schedules) or each batch of an
 * operation is claimed with a lease, so one instance does it and a dead one's work is taken over
 * once its lease expires. Expiry is explicit (not Cosmos TTL) so it works the same everywhere;
 * instances' clocks must agree to well within the lease's duration.
 */
export interface Lease {
  id: string;
  tenantId: string;
  holder: string;
  acquiredAt: string;
  expiresAt: string;
}

export type LeaseClaim =
  | { acquired: true; lease: Versioned<Lease> }
  | { acquired: false; heldBy: string; expiresAt: string };

export interface LeaseRequest {
  tenantId: string;
  /** What is being claimed, e.g. `tick:alerts` or `operation:<id>`. */
  name: string;
  /** This instance, e.g. host name and process id. */
  holder: string;
  durationMs: number;
  now: Date;
}

const leaseId = (name: string): string => toItemId(`lease:${name}`);

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
  const now = request.now.getTime();
  if (
    current !== null &&
    current.value.holder !== request.holder &&
    Date.parse(current.value.expiresAt) > now
  ) {
    return { acquired: false, heldBy: current.value.holder, expiresAt: current.value.expiresAt };
  }
  const renewing = current !== null && current.value.holder === request.holder;
  const next: Lease = {
    id,
    tenantId: request.tenantId,
    holder: request.holder,
    acquiredAt: renewing ? current.value.acquiredAt : request.now.toISOString(),
    expiresAt: new Date(now + request.durationMs).toISOString(),
  };
  try {
    const lease =
      current === null
        ? await createVersioned(container, next)
        : await replaceIfMatch(container, next, request.tenantId, current.etag);
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
