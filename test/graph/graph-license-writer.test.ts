import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LicenseWrite, LicenseWriteOutcome } from '../../src/app/ports/license-writer.ts';
import { LicensingError, type LicensingFailureCode } from '../../src/domain/errors.ts';
import { createDemoTenantSeed } from '../../src/simulator/seed/demo-tenant.ts';
import type { SimUser, TenantSeed } from '../../src/simulator/tenant/types.ts';
import { startGraphFixture, type GraphFixture } from './support/graph-fixture.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const grant = (skuId: string, disabledPlans: string[] = []) => ({
  addLicenses: [{ skuId, disabledPlans }],
  removeLicenses: [] as string[],
});

const GROUP_PROCESSING_MS = 2_000;

let g: GraphFixture;
let seed: TenantSeed;
beforeAll(async () => {
  seed = createDemoTenantSeed({ size: 300 });
  // Group processing takes 2 s a stage (queued, in progress, complete): the first read after a 202
  // sees it unfinished even on a slow, loaded machine. Only the group-assignment test waits on it.
  g = await startGraphFixture({
    tenantSeed: structuredClone(seed),
    groupProcessingDelayMs: GROUP_PROCESSING_MS,
  });
});
afterAll(async () => {
  await g.close();
});
beforeEach(async () => {
  // A pristine tenant, full throttling budgets and no faults: no test inherits another's state.
  await g.control.reset();
  await g.control.setThrottle({ writeBudget: 3000, writeWindowMs: 150_000 });
  await g.control.setFaults({ rate503: 0, rate504: 0, dropRate: 0 });
  for (const skuId of [POWER_BI_PRO, E3]) {
    const sku = g.sim
      .tenant()
      .subscribedSkus()
      .find((s) => s.skuId === skuId)!;
    await g.control.setSeats(skuId, sku.consumedUnits + 500);
  }
});

let picked = new Set<string>();
/** A user no other test has touched, matching `where`. */
function freshUser(where: (user: SimUser) => boolean): SimUser {
  const user = g.sim
    .tenant()
    .users()
    .find((u) => !picked.has(u.id) && where(u));
  if (user === undefined) {
    throw new Error('the demo tenant has no such user');
  }
  picked = new Set([...picked, user.id]);
  return user;
}
const hasSku = (user: SimUser, skuId: string) =>
  user.licenseAssignmentStates.some((s) => s.skuId === skuId);
/** No license from any source: another SKU's plans cannot satisfy a rule for them. */
const unlicensed = (user: SimUser) =>
  user.usageLocation !== null && user.licenseAssignmentStates.length === 0;
const located = (user: SimUser) =>
  user.usageLocation !== null && !hasSku(user, POWER_BI_PRO) && !hasSku(user, E3);

async function failureOf(promise: Promise<unknown>): Promise<LicensingFailureCode> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LicensingError);
  return (error as LicensingError).code;
}

async function collect(
  outcomes: AsyncIterable<LicenseWriteOutcome>,
): Promise<LicenseWriteOutcome[]> {
  const all: LicenseWriteOutcome[] = [];
  for await (const outcome of outcomes) {
    all.push(outcome);
  }
  return all;
}

function assignments(users: readonly SimUser[], skuId = POWER_BI_PRO): LicenseWrite[] {
  return users.map((u) => ({ key: u.id, kind: 'assignLicense', userId: u.id, body: grant(skuId) }));
}

describe('GraphLicenseWriter against the simulator', () => {
  it('assigns a license with the exact Graph request and returns the user', async () => {
    const user = freshUser(located);
    const mark = g.exchanges.length;
    const updated = await g.writer().assignUserLicenses(user.id, grant(POWER_BI_PRO));

    expect(updated.id).toBe(user.id);
    const sent = g.exchanges.slice(mark);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: `/v1.0/users/${user.id}/assignLicense`,
      status: 200,
    });
    expect(JSON.parse(sent[0]!.body)).toEqual({
      addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(hasSku(g.sim.tenant().findUser(user.id)!, POWER_BI_PRO)).toBe(true);
  });

  it('sets a usage location, after which a direct assignment works', async () => {
    const user = freshUser((u) => u.usageLocation === null && !hasSku(u, POWER_BI_PRO));
    expect(await failureOf(g.writer().assignUserLicenses(user.id, grant(POWER_BI_PRO)))).toBe(
      'USAGE_LOCATION_MISSING',
    );
    await g.writer().setUsageLocation(user.id, 'FR');
    await g.writer().assignUserLicenses(user.id, grant(POWER_BI_PRO));
    expect(g.sim.tenant().findUser(user.id)?.usageLocation).toBe('FR');
    expect(
      JSON.parse(
        g.exchanges.find((e) => e.method === 'PATCH' && e.url === `/v1.0/users/${user.id}`)!.body,
      ),
    ).toEqual({ usageLocation: 'FR' });
  });

  it('refuses an invalid usage location', async () => {
    const user = freshUser(located);
    expect(await failureOf(g.writer().setUsageLocation(user.id, 'XX'))).toBe(
      'USAGE_LOCATION_INVALID',
    );
  });

  it('says when no seats are left, naming the SKU', async () => {
    const sku = g.sim
      .tenant()
      .subscribedSkus()
      .find((s) => s.skuId === POWER_BI_PRO)!;
    await g.control.setSeats(POWER_BI_PRO, sku.consumedUnits);
    const error = await g
      .writer()
      .assignUserLicenses(freshUser(located).id, grant(POWER_BI_PRO))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'NO_SEATS',
      failure: { skuId: POWER_BI_PRO, httpStatus: 400, retryable: false },
    });
  });

  it('maps unknown users, unknown SKUs and plans outside the SKU', async () => {
    expect(
      await failureOf(g.writer().assignUserLicenses('no-such-user', grant(POWER_BI_PRO))),
    ).toBe('USER_NOT_FOUND');
    expect(
      await failureOf(
        g
          .writer()
          .assignUserLicenses(freshUser(located).id, grant('11111111-2222-3333-4444-555555555555')),
      ),
    ).toBe('SKU_NOT_FOUND');
    const e3Plan = seed.skus.find((s) => s.skuId === E3)!.servicePlans[0]!.servicePlanId;
    expect(
      await failureOf(
        g.writer().assignUserLicenses(freshUser(located).id, grant(POWER_BI_PRO, [e3Plan])),
      ),
    ).toBe('PLAN_NOT_IN_SKU');
  });

  it('maps mutually exclusive plans and missing dependencies from the tenant rules', async () => {
    const skusWith = (planId: string) =>
      seed.skus.filter((s) => s.servicePlans.some((p) => p.servicePlanId === planId));
    const exclusive = seed.planRules.find(
      (r) =>
        r.kind === 'mutuallyExclusive' &&
        skusWith(r.planIds[0]).length > 0 &&
        skusWith(r.planIds[1]).length > 0 &&
        skusWith(r.planIds[0])[0]!.skuId !== skusWith(r.planIds[1])[0]!.skuId,
    );
    expect(exclusive).toBeDefined();
    if (exclusive?.kind === 'mutuallyExclusive') {
      const [a, b] = [skusWith(exclusive.planIds[0])[0]!, skusWith(exclusive.planIds[1])[0]!];
      for (const sku of [a, b]) {
        const current = g.sim
          .tenant()
          .subscribedSkus()
          .find((s) => s.skuId === sku.skuId)!;
        await g.control.setSeats(sku.skuId, current.consumedUnits + 10);
      }
      const user = freshUser(unlicensed);
      const body = {
        addLicenses: [
          { skuId: a.skuId, disabledPlans: [] },
          { skuId: b.skuId, disabledPlans: [] },
        ],
        removeLicenses: [],
      };
      const error = await g
        .writer()
        .assignUserLicenses(user.id, body)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MUTUALLY_EXCLUSIVE_PLANS' });
    }
    const dependency = seed.planRules.find(
      (r) =>
        r.kind === 'dependsOn' &&
        seed.skus.some(
          (s) => s.skuId === E3 && s.servicePlans.some((p) => p.servicePlanId === r.planId),
        ),
    );
    expect(dependency).toBeDefined();
    if (dependency?.kind === 'dependsOn') {
      const e3 = seed.skus.find((s) => s.skuId === E3)!;
      const required = dependency.requiresAnyOf.filter((id) =>
        e3.servicePlans.some((p) => p.servicePlanId === id),
      );
      expect(
        await failureOf(
          g.writer().assignUserLicenses(freshUser(unlicensed).id, grant(E3, required)),
        ),
      ).toBe('MISSING_DEPENDENCY');
    }
  });

  it('will not remove a license a group assigns, and says so', async () => {
    const user = freshUser(
      (u) =>
        u.licenseAssignmentStates.some((s) => s.assignedByGroup !== null) &&
        !u.licenseAssignmentStates.some((s) => s.assignedByGroup === null),
    );
    const skuId = user.licenseAssignmentStates.find((s) => s.assignedByGroup !== null)!.skuId;
    expect(
      await failureOf(
        g.writer().assignUserLicenses(user.id, { addLicenses: [], removeLicenses: [skuId] }),
      ),
    ).toBe('ASSIGNED_BY_GROUP');
  });

  it('reprocesses a user', async () => {
    const user = freshUser(located);
    const mark = g.exchanges.length;
    await g.writer().reprocessUser(user.id);
    expect(g.exchanges.slice(mark)[0]).toMatchObject({
      method: 'POST',
      url: `/v1.0/users/${user.id}/reprocessLicenseAssignment`,
      status: 200,
    });
  });

  it('assigns to a group (202) and the processing state moves to complete', async () => {
    const group = g.sim
      .tenant()
      .groups()
      .find((gr) => gr.displayName === 'Executive Team')!;
    const mark = g.exchanges.length;
    await g.writer().assignGroupLicenses(group.id, grant(POWER_BI_PRO));
    expect(g.exchanges.slice(mark)[0]).toMatchObject({
      method: 'POST',
      url: `/v1.0/groups/${group.id}/assignLicense`,
      status: 202,
    });
    const states: string[] = [];
    // Both stages and a loaded machine's slack: a state that never completes still fails.
    const deadline = Date.now() + 2 * GROUP_PROCESSING_MS + 15_000;
    while (Date.now() < deadline) {
      const state = (await g.directory.findGroup(group.id))?.licenseProcessingState ?? 'none';
      states.push(state);
      if (state === 'ProcessingComplete') {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(states[0]).not.toBe('ProcessingComplete');
    expect(states.at(-1)).toBe('ProcessingComplete');
    const member = group.memberIds
      .map((id) => g.sim.tenant().findUser(id))
      .find((u) => u !== undefined)!;
    expect(
      member.licenseAssignmentStates.some(
        (s) => s.skuId === POWER_BI_PRO && s.assignedByGroup === group.id,
      ),
    ).toBe(true);
  });

  it('honours Retry-After on a throttled single write (the SDK retries it)', async () => {
    await g.control.setThrottle({ writeBudget: 2, writeWindowMs: 4000 });
    const users = [freshUser(located), freshUser(located), freshUser(located)];
    const mark = g.exchanges.length;
    const started = performance.now();
    for (const user of users) {
      await g.writer().assignUserLicenses(user.id, grant(POWER_BI_PRO));
    }
    const elapsed = performance.now() - started;
    const throttled = g.exchanges.slice(mark).filter((e) => e.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    const retryAfter = Number(throttled[0]!.responseHeaders['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(retryAfter * 1000);
    // The retry went out only after the wait Graph asked for.
    const after = g.exchanges.slice(mark).findIndex((e) => e.status === 429);
    expect(g.exchanges.slice(mark)[after + 1]).toMatchObject({
      url: throttled[0]!.url,
      status: 200,
    });
    expect(users.every((u) => hasSku(g.sim.tenant().findUser(u.id)!, POWER_BI_PRO))).toBe(true);
  });
});

describe('GraphLicenseWriter.writeMany against the simulator', () => {
  it('sends $batch requests of at most 20 with relative URLs, one outcome per write', async () => {
    const users = Array.from({ length: 45 }, () => freshUser(located));
    const mark = g.exchanges.length;
    const outcomes = await collect(g.writer().writeMany(assignments(users)));

    expect(
      outcomes
        .filter((o) => o.ok)
        .map((o) => o.key)
        .sort(),
    ).toEqual(users.map((u) => u.id).sort());
    const batches = g.exchanges.slice(mark).filter((e) => e.url === '/v1.0/$batch');
    expect(
      batches.map((b) => (JSON.parse(b.body) as { requests: unknown[] }).requests.length).sort(),
    ).toEqual([20, 20, 5].sort());
    const first = (
      JSON.parse(batches[0]!.body) as {
        requests: { id: string; method: string; url: string; body: unknown }[];
      }
    ).requests[0]!;
    expect(first).toMatchObject({ id: '1', method: 'POST', body: grant(POWER_BI_PRO) });
    expect(first.url).toMatch(/^\/users\/[^/]+\/assignLicense$/);
  });

  it('re-batches inner 429s after their Retry-After and loses nothing', async () => {
    await g.control.setThrottle({ writeBudget: 20, writeWindowMs: 2000 });
    const users = Array.from({ length: 60 }, () => freshUser(located));
    const mark = g.exchanges.length;
    const started = performance.now();
    const outcomes = await collect(g.writer().writeMany(assignments(users)));
    const elapsed = performance.now() - started;

    expect(outcomes.filter((o) => o.ok)).toHaveLength(60);
    const innerThrottled = g.exchanges
      .slice(mark)
      .flatMap(
        (e) =>
          (JSON.parse(e.responseBody || '{}') as { responses?: { status: number }[] }).responses ??
          [],
      )
      .filter((r) => r.status === 429);
    expect(innerThrottled.length).toBeGreaterThan(0);
    // 20 writes at once, then 10 per second: the last 40 cannot settle before ~4 s.
    expect(elapsed).toBeGreaterThanOrEqual(3500);
    expect(users.every((u) => hasSku(g.sim.tenant().findUser(u.id)!, POWER_BI_PRO))).toBe(true);
  });

  it('retries 503s, 504s and dropped connections until every write lands', async () => {
    // One dropped inner request drops the whole batch, so drops are kept rarer than 5xx.
    await g.control.setFaults({ rate503: 0.2, rate504: 0.1, dropRate: 0.01, seed: 7 });
    const users = Array.from({ length: 50 }, () => freshUser(located));
    const mark = g.exchanges.length;
    const outcomes = await collect(
      g
        .writer({ backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 10 })
        .writeMany(assignments(users)),
    );

    expect(outcomes.filter((o) => o.ok)).toHaveLength(50);
    expect(outcomes.some((o) => o.attempts > 1)).toBe(true);
    const faults = g.exchanges
      .slice(mark)
      .filter(
        (e) =>
          e.status === 0 ||
          e.status >= 500 ||
          e.responseBody.includes('"status":503') ||
          e.responseBody.includes('"status":504'),
      );
    expect(faults.length).toBeGreaterThan(0);
  });

  it('re-sends a batch whose connection dropped', async () => {
    await g.control.setFaults({ dropRate: 0.5, seed: 11 });
    const users = Array.from({ length: 6 }, () => freshUser(located));
    const mark = g.exchanges.length;
    const outcomes = await collect(
      g
        .writer({ batchSize: 1, backoffBaseMs: 20, backoffMaxMs: 100, maxAttempts: 20 })
        .writeMany(assignments(users)),
    );

    expect(outcomes.filter((o) => o.ok)).toHaveLength(6);
    expect(g.exchanges.slice(mark).filter((e) => e.status === 0).length).toBeGreaterThan(0);
    expect(users.every((u) => hasSku(g.sim.tenant().findUser(u.id)!, POWER_BI_PRO))).toBe(true);
  });

  it('reports business errors per item without retrying them', async () => {
    const good = freshUser(located);
    const unlocated = freshUser((u) => u.usageLocation === null && !hasSku(u, POWER_BI_PRO));
    const mark = g.exchanges.length;
    const outcomes = await collect(
      g.writer().writeMany([
        ...assignments([good, unlocated]),
        {
          key: 'ghost',
          kind: 'assignLicense',
          userId: 'no-such-user',
          body: grant(POWER_BI_PRO),
        },
      ]),
    );
    const byKey = new Map(outcomes.map((o) => [o.key, o]));
    expect(byKey.get(good.id)).toMatchObject({ ok: true, attempts: 1 });
    expect(byKey.get(unlocated.id)).toMatchObject({
      ok: false,
      attempts: 1,
      failure: { code: 'USAGE_LOCATION_MISSING' },
    });
    expect(byKey.get('ghost')).toMatchObject({
      ok: false,
      attempts: 1,
      failure: { code: 'USER_NOT_FOUND' },
    });
    expect(g.exchanges.slice(mark).filter((e) => e.url === '/v1.0/$batch')).toHaveLength(1);
  });
});
