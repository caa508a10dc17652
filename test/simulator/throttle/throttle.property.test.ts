import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/simulator/faults/prng.ts';
import { Throttle } from '../../../src/simulator/throttle/throttle.ts';

const kinds = [
  { method: 'GET', path: '/users' },
  { method: 'GET', path: '/subscribedSkus' },
  { method: 'GET', path: '/groups/g1/transitiveMembers' },
  { method: 'GET', path: '/users/u1' },
  { method: 'POST', path: '/users/u1/assignLicense' },
  { method: 'PATCH', path: '/users/u1' },
];

function randomRequest(random: () => number) {
  const kind = kinds[Math.floor(random() * kinds.length)]!;
  return {
    appId: random() < 0.8 ? 'app-a' : 'app-b',
    tenantId: 'tenant',
    ...kind,
    query: new URLSearchParams(random() < 0.3 ? '$select=id' : ''),
    tenantUserCount: 40,
  };
}

// Small budgets so that random traffic meets every limit often.
const options = {
  resourceUnitBudgetSmall: 40,
  resourceUnitWindowMs: 20_000,
  writeBudget: 10,
  writeWindowMs: 30_000,
  tenantWriteBudget: 15,
  tenantWriteWindowMs: 40_000,
};

describe('throttling properties (seeded random traffic)', () => {
  it('lets a refused request through when retried after Retry-After with nothing in between', () => {
    const random = mulberry32(2026);
    let refusals = 0;
    for (let trial = 0; trial < 300; trial += 1) {
      let now = 0;
      const throttle = new Throttle(options, () => now);
      const steps = Math.floor(random() * 80);
      for (let i = 0; i < steps; i += 1) {
        throttle.charge(randomRequest(random));
        now += Math.floor(random() * 60);
      }
      const request = randomRequest(random);
      const decision = throttle.charge(request);
      if (!decision.allowed) {
        refusals += 1;
        now += decision.retryAfterSeconds * 1000;
        expect(throttle.charge(request).allowed).toBe(true);
      }
    }
    expect(refusals).toBeGreaterThan(30);
  });

  it('never lets more writes through than the budget plus what the window refills', () => {
    const random = mulberry32(77);
    let now = 0;
    const throttle = new Throttle(options, () => now);
    const allowedAt: number[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const request = randomRequest(random);
      if (throttle.charge(request).allowed && request.method !== 'GET') {
        allowedAt.push(now);
      }
      now += Math.floor(random() * 400);
    }
    // In any span of t ms an app gets at most budget + t × budget / window writes; the tenant
    // (both apps) at most its own budget + refill.
    for (let start = 0; start < allowedAt.length; start += 1) {
      for (let end = start; end < allowedAt.length; end += 1) {
        const span = allowedAt[end]! - allowedAt[start]!;
        const ceiling =
          options.tenantWriteBudget +
          (span * options.tenantWriteBudget) / options.tenantWriteWindowMs;
        expect(end - start + 1).toBeLessThanOrEqual(Math.floor(ceiling + 1e-9));
      }
    }
    expect(allowedAt.length).toBeGreaterThan(100);
  });
});
