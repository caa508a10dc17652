import type { Container } from '@azure/cosmos';
import type { Lease, LeaseClaim, LeaseRequest, LeaseStore } from '../app/ports/lease-store.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { releaseLease, renewLease, tryAcquireLease } from './leases.ts';

/** `LeaseStore` over the `leases` container (partitioned by tenant). */
export class CosmosLeaseStore implements LeaseStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  tryAcquire(request: LeaseRequest): Promise<LeaseClaim> {
    return tryAcquireLease(this.#container, request);
  }

  renew(lease: Versioned<Lease>, now: Date, durationMs: number): Promise<Versioned<Lease> | null> {
    return renewLease(this.#container, lease, now, durationMs);
  }

  release(lease: Versioned<Lease>): Promise<boolean> {
    return releaseLease(this.#container, lease);
  }
}
