import { describe, expect, it } from 'vitest';
import type { LeaseRequest, LeaseStore } from '../../../src/app/ports/lease-store.ts';
import { freshTenant } from '../support/embedded-store.ts';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds));

/** What every `LeaseStore` must do, whatever keeps the leases. */
export function leaseStoreContract(name: string, makeStore: () => LeaseStore): void {
  describe(`${name} as a lease store`, () => {
    const claimWith =
      (store: LeaseStore) =>
      (request: Omit<LeaseRequest, 'durationMs'> & { durationMs?: number }) =>
        store.tryAcquire({ durationMs: 30_000, ...request });

    const held = async (store: LeaseStore, request: Omit<LeaseRequest, 'durationMs'>) => {
      const claim = await claimWith(store)(request);
      if (!claim.acquired) {
        throw new Error(`${request.holder} should hold the lease`);
      }
      return claim.lease;
    };

    it('gives a free lease to the first instance and tells the next one who holds it', async () => {
      const claim = claimWith(makeStore());
      const tenantId = freshTenant();
      const first = await claim({
        tenantId,
        name: 'tick:alerts',
        holder: 'instance-a',
        now: at(0),
      });
      expect(first).toMatchObject({ acquired: true, lease: { value: { holder: 'instance-a' } } });
      const second = await claim({
        tenantId,
        name: 'tick:alerts',
        holder: 'instance-b',
        now: at(10),
      });
      expect(second).toEqual({
        acquired: false,
        heldBy: 'instance-a',
        expiresAt: at(30).toISOString(),
      });
    });

    it('lets another instance take over a lease once it has expired', async () => {
      const claim = claimWith(makeStore());
      const tenantId = freshTenant();
      await claim({ tenantId, name: 'tick:alerts', holder: 'instance-a', now: at(0) });
      const takeover = await claim({
        tenantId,
        name: 'tick:alerts',
        holder: 'instance-b',
        now: at(31),
      });
      expect(takeover).toMatchObject({
        acquired: true,
        lease: {
          value: {
            holder: 'instance-b',
            acquiredAt: at(31).toISOString(),
            expiresAt: at(61).toISOString(),
          },
        },
      });
    });

    it('renews the lease for its holder when claimed again and keeps when it was first acquired', async () => {
      const claim = claimWith(makeStore());
      const tenantId = freshTenant();
      await claim({ tenantId, name: 'operation:op-1', holder: 'instance-a', now: at(0) });
      const renewed = await claim({
        tenantId,
        name: 'operation:op-1',
        holder: 'instance-a',
        now: at(20),
      });
      expect(renewed).toMatchObject({
        acquired: true,
        lease: { value: { acquiredAt: at(0).toISOString(), expiresAt: at(50).toISOString() } },
      });
      expect(
        await claim({ tenantId, name: 'operation:op-1', holder: 'instance-b', now: at(40) }),
      ).toMatchObject({ acquired: false });
    });

    it('renews a lease it still holds, and refuses once another instance has taken it over', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const a = await held(store, { tenantId, name: 'operation:op-2', holder: 'a', now: at(0) });
      const renewed = await store.renew(a, at(20), 30_000);
      expect(renewed?.value).toMatchObject({
        holder: 'a',
        acquiredAt: at(0).toISOString(),
        expiresAt: at(50).toISOString(),
      });
      // The old copy's ETag is stale now: renewing from it is refused.
      expect(await store.renew(a, at(21), 30_000)).toBeNull();
      await held(store, { tenantId, name: 'operation:op-2', holder: 'b', now: at(51) });
      expect(await store.renew(renewed!, at(52), 30_000)).toBeNull();
    });

    it('refuses to renew a lease that was released', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const a = await held(store, { tenantId, name: 'operation:op-3', holder: 'a', now: at(0) });
      expect(await store.release(a)).toBe(true);
      expect(await store.renew(a, at(1), 30_000)).toBeNull();
    });

    it('frees a released lease at once, and a lease taken over cannot be released by its old holder', async () => {
      const store = makeStore();
      const claim = claimWith(store);
      const tenantId = freshTenant();
      const a = await held(store, {
        tenantId,
        name: 'tick:schedules',
        holder: 'instance-a',
        now: at(0),
      });
      expect(await store.release(a)).toBe(true);
      const b = await claim({ tenantId, name: 'tick:schedules', holder: 'instance-b', now: at(1) });
      expect(b.acquired).toBe(true);
      expect(await store.release(a)).toBe(false);
      expect(
        await claim({ tenantId, name: 'tick:schedules', holder: 'instance-c', now: at(2) }),
      ).toMatchObject({ acquired: false, heldBy: 'instance-b' });
    });

    it('gives the lease to exactly one of ten instances claiming it at once', async () => {
      const claim = claimWith(makeStore());
      const tenantId = freshTenant();
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          claim({ tenantId, name: 'tick:alerts', holder: `instance-${index}`, now: at(0) }),
        ),
      );
      const winners = claims.filter((c) => c.acquired);
      expect(winners).toHaveLength(1);
      const holder = winners[0]!.lease.value.holder;
      for (const loser of claims.filter((c) => !c.acquired)) {
        expect(loser.heldBy).toBe(holder);
      }
    });

    it('keeps leases of different tenants and names apart', async () => {
      const claim = claimWith(makeStore());
      const tenantId = freshTenant();
      await claim({ tenantId, name: 'tick:alerts', holder: 'instance-a', now: at(0) });
      expect(
        (await claim({ tenantId, name: 'tick:schedules', holder: 'instance-b', now: at(0) }))
          .acquired,
      ).toBe(true);
      expect(
        (
          await claim({
            tenantId: freshTenant(),
            name: 'tick:alerts',
            holder: 'instance-b',
            now: at(0),
          })
        ).acquired,
      ).toBe(true);
    });
  });
}
