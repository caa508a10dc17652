import { describe, expect, it } from 'vitest';
import { Throttle, type ThrottleDecision } from '../../../src/simulator/throttle/throttle.ts';

const APP = 'aaaaaaaa-0000-0000-0000-000000000001';
const TENANT = 'tttttttt-0000-0000-0000-000000000001';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const write = (overrides: Partial<Parameters<Throttle['charge']>[0]> = {}) => ({
  appId: APP,
  tenantId: TENANT,
  method: 'POST',
  path: '/users/u1/assignLicense',
  query: new URLSearchParams(),
  tenantUserCount: 3000,
  ...overrides,
});
const readUsers = (tenantUserCount: number) =>
  write({ method: 'GET', path: '/users', tenantUserCount });

function chargeUntilRefused(throttle: Throttle, request: ReturnType<typeof write>) {
  for (let allowed = 0; allowed < 1_000_000; allowed += 1) {
    const decision = throttle.charge(request);
    if (!decision.allowed) {
      return { allowed, refusal: decision };
    }
  }
  throw new Error('never refused');
}

describe('throttling', () => {
  it.each([
    [49, 3500],
    [50, 5000],
    [500, 5000],
    [501, 8000],
  ])('gives a tenant of %i users %i resource units per 10 s', (users, budget) => {
    const time = clock();
    const throttle = new Throttle({}, time.now);
    const { allowed, refusal } = chargeUntilRefused(throttle, readUsers(users));
    expect(allowed).toBe(budget / 2); // GET /users costs 2
    expect(refusal).toMatchObject({
      allowed: false,
      scope: `Tenant_Application/ReadWrite/${APP}/${TENANT}`,
      information: 'ResourceUnitLimitExceeded',
    });
  });

  it('allows 3,000 writes per 150 s per app and tenant, then refuses with WriteLimitExceeded', () => {
    const time = clock();
    const throttle = new Throttle({}, time.now);
    const { allowed, refusal } = chargeUntilRefused(throttle, write());
    expect(allowed).toBe(3000);
    expect(refusal).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
      scope: `Tenant_Application/Write/${APP}/${TENANT}`,
      information: 'WriteLimitExceeded',
    });
  });

  it('says in Retry-After how many whole seconds until the budget has room', () => {
    const time = clock();
    // 10 writes per 100 s: one write frees up every 10 s.
    const throttle = new Throttle({ writeBudget: 10, writeWindowMs: 100_000 }, time.now);
    chargeUntilRefused(throttle, write());
    time.advance(2_500);
    const refusal = throttle.charge(write()) as Extract<ThrottleDecision, { allowed: false }>;
    expect(refusal.retryAfterSeconds).toBe(8); // 7.5 s rounded up
    time.advance(7_400);
    expect(throttle.charge(write()).allowed).toBe(false);
    time.advance(100);
    expect(throttle.charge(write()).allowed).toBe(true);
  });

  it('spends nothing on a refused request', () => {
    const time = clock();
    const throttle = new Throttle({ writeBudget: 5, writeWindowMs: 50_000 }, time.now);
    chargeUntilRefused(throttle, write());
    const before = throttle.counters();
    for (let i = 0; i < 20; i += 1) {
      throttle.charge(write());
    }
    const after = throttle.counters();
    expect(after.writesSpent).toBe(before.writesSpent);
    expect(after.resourceUnitsSpent).toBe(before.resourceUnitsSpent);
    time.advance(10_000); // exactly one write refilled: the 20 refusals did not eat into it
    expect(throttle.charge(write()).allowed).toBe(true);
    expect(throttle.charge(write()).allowed).toBe(false);
  });

  it('keeps the units a refused request would have taken for the requests after it', () => {
    const time = clock();
    const throttle = new Throttle({ resourceUnitBudgetLarge: 6 }, time.now);
    expect(throttle.charge(readUsers(3000)).allowed).toBe(true); // 2 RU, 4 left
    const transitive = write({ method: 'GET', path: '/groups/g1/transitiveMembers' }); // 5 RU
    expect(throttle.charge(transitive).allowed).toBe(false);
    const oneUser = write({ method: 'GET', path: '/users/u1' }); // 1 RU
    for (let i = 0; i < 4; i += 1) {
      expect(throttle.charge(oneUser).allowed).toBe(true);
    }
    expect(throttle.charge(oneUser).allowed).toBe(false);
  });

  it('caps writes per tenant across all apps at 18,000 per 5 minutes', () => {
    const time = clock();
    const throttle = new Throttle({}, time.now);
    for (let app = 1; app <= 6; app += 1) {
      expect(chargeUntilRefused(throttle, write({ appId: `app-${app}` })).allowed).toBe(3000);
    }
    const refusal = throttle.charge(write({ appId: 'app-7' }));
    expect(refusal).toMatchObject({
      allowed: false,
      scope: `Tenant/Write/app-7/${TENANT}`,
      information: 'WriteLimitExceeded',
    });
  });

  it('reports the share of the budget in use once above 0.8, for x-ms-throttle-limit-percentage', () => {
    const time = clock();
    const throttle = new Throttle({ writeBudget: 10, writeWindowMs: 1_000_000 }, time.now);
    const decisions = Array.from({ length: 10 }, () => throttle.charge(write()));
    expect(decisions.slice(0, 8).every((d) => d.allowed && d.limitPercentage === undefined)).toBe(
      true,
    );
    expect(decisions[8]).toMatchObject({ allowed: true, limitPercentage: 0.9 });
    expect(decisions[9]).toMatchObject({ allowed: true, limitPercentage: 1 });
  });

  it('caps one application across all its tenants with the per-application limits', () => {
    const time = clock();
    const throttle = new Throttle(
      { applicationResourceUnitBudget: 100, applicationWriteBudget: 1_000 },
      time.now,
    );
    let allowed = 0;
    for (let tenant = 1; tenant <= 10; tenant += 1) {
      for (let i = 0; i < 20; i += 1) {
        if (throttle.charge({ ...readUsers(3000), tenantId: `t${tenant}` }).allowed) {
          allowed += 1;
        }
      }
    }
    expect(allowed).toBe(50); // 100 RU at 2 per GET /users, whatever the tenant
    expect(throttle.charge({ ...readUsers(3000), tenantId: 't99' })).toMatchObject({
      allowed: false,
      scope: `Application/ReadWrite/${APP}/t99`,
      information: 'ResourceUnitLimitExceeded',
    });
  });

  it('keeps each tenant’s budget apart', () => {
    const time = clock();
    const throttle = new Throttle({ writeBudget: 3 }, time.now);
    chargeUntilRefused(throttle, write());
    expect(throttle.charge(write({ tenantId: 'other-tenant' })).allowed).toBe(true);
  });

  it('charges writes to the resource-unit budget too, and reads to no write budget', () => {
    const time = clock();
    const throttle = new Throttle({ resourceUnitBudgetLarge: 10, writeBudget: 100 }, time.now);
    expect(chargeUntilRefused(throttle, write()).allowed).toBe(10);
    const reads = new Throttle({ writeBudget: 1 }, time.now);
    for (let i = 0; i < 50; i += 1) {
      expect(reads.charge(readUsers(3000)).allowed).toBe(true);
    }
    expect(reads.charge(write()).allowed).toBe(true);
  });

  it('keeps the ceiling of 20 writes per second when time is shrunk with the same ratio', () => {
    const time = clock();
    const throttle = new Throttle({ writeWindowMs: 1500, writeBudget: 30 }, time.now);
    let allowed = 0;
    // A client that tries every 5 ms for 10 simulated seconds.
    for (let t = 0; t < 10_000; t += 5) {
      if (throttle.charge(write()).allowed) {
        allowed += 1;
      }
      time.advance(5);
    }
    expect(allowed).toBeGreaterThanOrEqual(30 + 199);
    expect(allowed).toBeLessThanOrEqual(30 + 200);
  });

  it('changes budgets at run time and reports its options', () => {
    const time = clock();
    const throttle = new Throttle({}, time.now);
    throttle.configure({ writeBudget: 2, writeWindowMs: 1000 });
    expect(throttle.options()).toMatchObject({ writeBudget: 2, writeWindowMs: 1000 });
    expect(chargeUntilRefused(throttle, write()).allowed).toBe(2);
  });

  it('refuses options that are not numbers of the right kind', () => {
    expect(() => new Throttle({ writeBudget: -1 })).toThrow(RangeError);
    const throttle = new Throttle();
    expect(() => throttle.configure({ writeWindowMs: 0 })).toThrow();
    const misspelt = JSON.parse('{"writeBugdet": 5}') as Record<string, number>;
    expect(() => throttle.configure(misspelt)).toThrow(/Unrecognized key: "writeBugdet"/);
  });

  it('counts resource units and writes spent, and 429s by scope', () => {
    const time = clock();
    const throttle = new Throttle({ writeBudget: 2 }, time.now);
    throttle.charge(readUsers(3000));
    throttle.charge(write());
    throttle.charge(write());
    throttle.charge(write());
    expect(throttle.counters()).toEqual({
      allowed: 3,
      resourceUnitsSpent: 4,
      writesSpent: 2,
      throttled: 1,
      throttledByScope: { 'Tenant_Application/Write': 1 },
    });
    throttle.resetCounters();
    expect(throttle.counters().throttled).toBe(0);
  });

  it('refills every budget on reset', () => {
    const time = clock();
    const throttle = new Throttle({ writeBudget: 2 }, time.now);
    chargeUntilRefused(throttle, write());
    throttle.reset();
    expect(throttle.charge(write()).allowed).toBe(true);
    expect(throttle.counters().writesSpent).toBe(1);
  });

  it('never refuses when disabled, yet still counts what was spent', () => {
    const time = clock();
    const throttle = new Throttle({ enabled: false, writeBudget: 1 }, time.now);
    for (let i = 0; i < 100; i += 1) {
      expect(throttle.charge(write()).allowed).toBe(true);
    }
    expect(throttle.counters().writesSpent).toBe(100);
  });
});
