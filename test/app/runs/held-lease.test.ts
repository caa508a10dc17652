import { describe, expect, it } from 'vitest';
import type { LeaseStore } from '../../../src/app/ports/lease-store.ts';
import { HeldLease } from '../../../src/app/runs/held-lease.ts';
import { MemoryLeaseStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

function setUp(leases: LeaseStore = new MemoryLeaseStore()) {
  let now = T0;
  const clock = { now: () => new Date(now), sleep: () => Promise.resolve() };
  const logger = recordingLogger();
  const claim = (holder: string) =>
    leases.tryAcquire({
      tenantId: 't1',
      name: 'operation:op-1',
      holder,
      durationMs: 60_000,
      now: clock.now(),
    });
  const hold = async () => {
    const claimed = await claim('instance-a');
    if (!claimed.acquired) {
      throw new Error('instance-a should get the lease');
    }
    return new HeldLease(claimed.lease, { leases, clock, logger }, 60_000);
  };
  return { leases, claim, hold, logger, advance: (ms: number) => (now += ms) };
}

describe('a lease held while working', () => {
  it('is renewed from the current time, so another instance cannot take it', async () => {
    const { claim, hold, advance } = setUp();
    const held = await hold();
    advance(50_000);
    expect(await held.renew()).toBe(true);
    advance(50_000);
    expect(await claim('instance-b')).toMatchObject({
      acquired: false,
      heldBy: 'instance-a',
      expiresAt: new Date(T0 + 110_000).toISOString(),
    });
    await held.release();
    expect((await claim('instance-b')).acquired).toBe(true);
  });

  it('stays lost once another instance took it over, and is not released from under it', async () => {
    const { claim, hold, advance, logger } = setUp();
    const held = await hold();
    advance(61_000);
    expect((await claim('instance-b')).acquired).toBe(true);
    expect(await held.renew()).toBe(false);
    expect(await held.renew()).toBe(false);
    await held.release();
    expect(await claim('instance-c')).toMatchObject({ acquired: false, heldBy: 'instance-b' });
    expect(logger.lines.filter((line) => line.message.includes('taken over'))).toHaveLength(1);
  });

  it('is checked between steps without a write, renewed there only when the timer is overdue', async () => {
    const memory = new MemoryLeaseStore();
    let renewals = 0;
    const counting: LeaseStore = {
      tryAcquire: (request) => memory.tryAcquire(request),
      renew: (lease, now, durationMs) => {
        renewals += 1;
        return memory.renew(lease, now, durationMs);
      },
      release: (lease) => memory.release(lease),
    };
    const { hold, advance, claim } = setUp(counting);
    const held = await hold();
    for (let step = 0; step < 100; step += 1) {
      expect(await held.held()).toBe(true);
    }
    expect(renewals).toBe(0);
    advance(20_000);
    expect(await held.held()).toBe(true);
    expect(await held.held()).toBe(true);
    expect(renewals).toBe(1);
    advance(61_000);
    expect((await claim('instance-b')).acquired).toBe(true);
    expect(await held.held()).toBe(false);
    expect(await held.held()).toBe(false);
    expect(renewals).toBe(2);
    await held.release();
  });

  it('keeps working when a renewal cannot reach the store, and tries again next time', async () => {
    const memory = new MemoryLeaseStore();
    const unreachable = () => Promise.reject(new Error('store unreachable'));
    const flaky: LeaseStore = {
      tryAcquire: (request) => memory.tryAcquire(request),
      renew: unreachable,
      release: unreachable,
    };
    const { hold, logger } = setUp(flaky);
    const held = await hold();
    expect(await held.renew()).toBe(true);
    expect(logger.lines.map((line) => line.message)).toContain('could not renew a lease');
    await held.release();
    expect(logger.lines.map((line) => line.message)).toContain('could not release a lease');
  });

  it('is no longer held once it expired while the store refused every renewal', async () => {
    const memory = new MemoryLeaseStore();
    let reachable = false;
    const flaky: LeaseStore = {
      tryAcquire: (request) => memory.tryAcquire(request),
      renew: (lease, now, durationMs) =>
        reachable
          ? memory.renew(lease, now, durationMs)
          : Promise.reject(new Error('store unreachable')),
      release: (lease) => memory.release(lease),
    };
    const { hold, advance, claim } = setUp(flaky);
    const held = await hold();
    advance(40_000);
    expect(await held.held()).toBe(true);
    advance(19_999);
    expect(await held.held()).toBe(true);
    advance(1);
    // Expired unrenewed: another instance may take it now, so the work stops.
    expect(await held.held()).toBe(false);
    expect(await held.renew()).toBe(false);
    expect((await claim('instance-b')).acquired).toBe(true);
    reachable = true;
    expect(await held.held()).toBe(false);
    await held.release();
  });

  it('renews on its own timer while one step takes long', async () => {
    const memory = new MemoryLeaseStore();
    let renewals = 0;
    const counting: LeaseStore = {
      tryAcquire: (request) => memory.tryAcquire(request),
      renew: (lease, now, durationMs) => {
        renewals += 1;
        return memory.renew(lease, now, durationMs);
      },
      release: (lease) => memory.release(lease),
    };
    const claimed = await memory.tryAcquire({
      tenantId: 't1',
      name: 'operation:op-2',
      holder: 'instance-a',
      durationMs: 30,
      now: new Date(T0),
    });
    if (!claimed.acquired) {
      throw new Error('instance-a should get the lease');
    }
    const held = new HeldLease(
      claimed.lease,
      {
        leases: counting,
        clock: { now: () => new Date(T0), sleep: () => Promise.resolve() },
        logger: recordingLogger(),
      },
      30,
    );
    // The step is "long" until the timer has renewed twice: however slow the machine, not a guess.
    const deadline = Date.now() + 10_000;
    while (renewals < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await held.release();
    expect(renewals).toBeGreaterThanOrEqual(2);
    const after = renewals;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renewals).toBe(after);
  });
});
