import type { Versioned } from './stores.ts';

/**
 * A lease: "instance `holder` does `name` for this tenant until `expiresAt`". When several
 * instances run, each tick of a periodic job (alert polling, schedules) or each run of an
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

/** Whether a claim got the lease, and if not, who holds it until when. */
export type LeaseClaim =
  | { acquired: true; lease: Versioned<Lease> }
  | { acquired: false; heldBy: string; expiresAt: string };

/** A claim of one lease by one instance. */
export interface LeaseRequest {
  tenantId: string;
  /** What is being claimed, e.g. `tick:alerts` or `operation:<id>`. */
  name: string;
  /**
   * Who holds it, e.g. host name, process id and a random part. An operation run names itself
   * too (`<instance>:run-<n>`), so two runs in one process never share a lease.
   */
  holder: string;
  durationMs: number;
  now: Date;
}

/**
 * Leases, each claim and renewal one ETag-guarded write: of several instances claiming at once
 * exactly one gets the lease.
 */
export interface LeaseStore {
  /** Takes the lease when it is free, expired, or already ours (which renews it). */
  tryAcquire(request: LeaseRequest): Promise<LeaseClaim>;
  /**
   * Extends a lease we hold to `now + durationMs`, only if nobody wrote it since we did; null
   * when it was taken over or released meanwhile, so whatever it guarded may run elsewhere.
   */
  renew(lease: Versioned<Lease>, now: Date, durationMs: number): Promise<Versioned<Lease> | null>;
  /**
   * Gives the lease back so another instance need not wait for it to expire. False when it was
   * no longer ours.
   */
  release(lease: Versioned<Lease>): Promise<boolean>;
}
