import type { Lease, LeaseClaim, LeaseRequest, LeaseStore } from '../../app/ports/lease-store.ts';
import { ConcurrencyConflictError } from '../../app/ports/stores.ts';
import type { Versioned } from '../../app/ports/stores.ts';
import { claimOver, extended, leaseId } from '../lease-claims.ts';
import { settle, VersionedMap } from './memory-versions.ts';

/** `LeaseStore` in memory (one process's instances); passes the same contract as the Cosmos one. */
export class MemoryLeaseStore implements LeaseStore {
  readonly #leases = new VersionedMap<Lease>();

  tryAcquire(request: LeaseRequest): Promise<LeaseClaim> {
    return settle(() => {
      const key = keyOf(request.tenantId, leaseId(request.name));
      const current = this.#leases.get(key);
      const claim = claimOver(current?.value ?? null, request);
      if ('refused' in claim) {
        return claim.refused;
      }
      const lease =
        current === null
          ? this.#leases.create(key, claim.write)
          : this.#leases.replace(key, claim.write, current.etag);
      return { acquired: true as const, lease };
    });
  }

  renew(lease: Versioned<Lease>, now: Date, durationMs: number): Promise<Versioned<Lease> | null> {
    return settle(() => {
      try {
        return this.#leases.replace(
          keyOf(lease.value.tenantId, lease.value.id),
          extended(lease.value, now, durationMs),
          lease.etag,
        );
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) {
          return null;
        }
        throw error;
      }
    });
  }

  release(lease: Versioned<Lease>): Promise<boolean> {
    return settle(() => {
      try {
        return this.#leases.delete(keyOf(lease.value.tenantId, lease.value.id), lease.etag);
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) {
          return false;
        }
        throw error;
      }
    });
  }
}

const keyOf = (tenantId: string, id: string): string => `${tenantId}\n${id}`;
