import { describe, expect, it } from 'vitest';
import { releaseLease, tryAcquireLease } from '../../src/store/index.ts';
import type { LeaseRequest } from '../../src/store/index.ts';
import { freshTenant, useEmbeddedStore } from './support/embedded-store.ts';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds));

describe('leases', () => {
  const store = useEmbeddedStore();
  const leases = () => store().containers.leases;
  const claim = (request: Omit<LeaseRequest, 'durationMs'> & { durationMs?: number }) =>
    tryAcquireLease(leases(), { durationMs: 30_000, ...request });

  it('gives a free lease to the first instance and tells the next one who holds it', async () => {
    const tenantId = freshTenant();
    const first = await claim({ tenantId, name: 'tick:alerts', holder: 'instance-a', now: at(0) });
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
      lease: { value: { holder: 'instance-b', expiresAt: at(61).toISOString() } },
    });
  });

  it('renews the lease for its holder and keeps when it was first acquired', async () => {
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
    ).toMatchObject({
      acquired: false,
    });
  });

  it('frees a released lease at once, and a lease taken over cannot be released by its old holder', async () => {
    const tenantId = freshTenant();
    const a = await claim({ tenantId, name: 'tick:schedules', holder: 'instance-a', now: at(0) });
    if (!a.acquired) {
      throw new Error('instance-a should hold the lease');
    }
    expect(await releaseLease(leases(), a.lease)).toBe(true);
    const b = await claim({ tenantId, name: 'tick:schedules', holder: 'instance-b', now: at(1) });
    expect(b.acquired).toBe(true);
    expect(await releaseLease(leases(), a.lease)).toBe(false);
    expect(
      await claim({ tenantId, name: 'tick:schedules', holder: 'instance-c', now: at(2) }),
    ).toMatchObject({
      acquired: false,
      heldBy: 'instance-b',
    });
  });

  it('gives the lease to exactly one of ten instances claiming it at once', async () => {
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
