import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph } from './client.ts';
import { e3, smallTenantSeed, tenantId, userId } from './fixture.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const assignBody = { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] };

describe('throttling', () => {
  it("answers 429 TooManyRequests with Retry-After and Graph's throttle headers once writes run out", async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      throttle: { writeBudget: 2, writeWindowMs: 60_000 },
    });
    for (const i of [41, 42]) {
      expect(
        (
          await graph(sim, `/users/${userId(i)}/assignLicense`, {
            method: 'POST',
            body: assignBody,
          })
        ).status,
      ).toBe(200);
    }
    const refused = await graph(sim, `/users/${userId(43)}/assignLicense`, {
      method: 'POST',
      body: assignBody,
    });
    expectGraphError(refused, 429, 'TooManyRequests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Entra's wording, with the same number of seconds as Retry-After.
    expect(refused.body.error.message).toBe(
      `Your request is throttled temporarily. Please try after ${refused.headers.get('retry-after')} seconds.`,
    );
    expect(refused.headers.get('x-ms-throttle-scope')).toBe(
      `Tenant_Application/Write/test-app/${tenantId}`,
    );
    expect(refused.headers.get('x-ms-throttle-information')).toBe('WriteLimitExceeded');
    // Nothing was written for the refused request.
    expect(
      (await control(sim, 'GET', `/users/${userId(43)}/licenses`)).body.assignedLicenses,
    ).toEqual([]);
  });

  it('keeps budgets per application: another app id from a JWT is not throttled', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      throttle: { writeBudget: 1, writeWindowMs: 60_000 },
    });
    const token = (appid: string) =>
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ appid, tid: tenantId })).toString('base64url')}.x`;
    const call = (appid: string, user: number) =>
      graph(sim!, `/users/${userId(user)}/assignLicense`, {
        method: 'POST',
        body: assignBody,
        token: token(appid),
      });
    expect((await call('app-a', 41)).status).toBe(200);
    expect((await call('app-a', 42)).status).toBe(429);
    expect((await call('app-b', 43)).status).toBe(200);
  });

  it('warns with x-ms-throttle-limit-percentage once more than 80% of a budget is used', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      throttle: { writeBudget: 10, writeWindowMs: 600_000 },
    });
    const percentages: (string | null)[] = [];
    // Users with a usage location (every tenth has none).
    for (const i of [41, 42, 43, 44, 45, 46, 47, 48, 50, 51]) {
      const response = await graph(sim, `/users/${userId(i)}/assignLicense`, {
        method: 'POST',
        body: assignBody,
      });
      expect(response.status).toBe(200);
      percentages.push(response.headers.get('x-ms-throttle-limit-percentage'));
    }
    expect(percentages.slice(0, 8)).toEqual(Array(8).fill(null));
    expect(Number(percentages[9])).toBeGreaterThan(0.8);
  });

  it('reports what each request cost in x-ms-resource-unit, as Graph does', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(60) });
    // Documented costs: GET users 2, $select -1; GET subscribedSkus 3; a write 1.
    expect((await graph(sim, '/users')).headers.get('x-ms-resource-unit')).toBe('2');
    expect((await graph(sim, '/users?$select=id')).headers.get('x-ms-resource-unit')).toBe('1');
    expect((await graph(sim, '/subscribedSkus')).headers.get('x-ms-resource-unit')).toBe('3');
    const write = await graph(sim, `/users/${userId(41)}/assignLicense`, {
      method: 'POST',
      body: assignBody,
    });
    expect(write.headers.get('x-ms-resource-unit')).toBe('1');
  });

  it('can be reconfigured at run time through the control API', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(60) });
    const updated = await control(sim, 'PUT', '/throttle', {
      writeBudget: 1,
      writeWindowMs: 60_000,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.writeBudget).toBe(1);
    expect((await control(sim, 'GET', '/throttle')).body.writeBudget).toBe(1);
    expect(
      (await graph(sim, `/users/${userId(41)}/assignLicense`, { method: 'POST', body: assignBody }))
        .status,
    ).toBe(200);
    expect(
      (await graph(sim, `/users/${userId(42)}/assignLicense`, { method: 'POST', body: assignBody }))
        .status,
    ).toBe(429);
    const invalid = await control(sim, 'PUT', '/throttle', { writeBudget: -3 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/writeBudget/);
  });
});

describe('faults', () => {
  it('answers 503 with a Graph error body when the injector says so', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      faults: { rate503: 1 },
    });
    expectGraphError(await graph(sim, '/organization'), 503, 'serviceNotAvailable');
  });

  it('answers 504 when the injector says so', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      faults: { rate504: 1 },
    });
    expectGraphError(await graph(sim, '/organization'), 504, 'GatewayTimeout');
  });

  it('drops the connection without an answer', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      faults: { dropRate: 1 },
    });
    await expect(
      fetch(`${sim.graphBaseUrl}/organization`, { headers: { Authorization: 'Bearer x' } }),
    ).rejects.toThrow();
  });

  it('makes the write and still fails it when the fault strikes after processing', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      faults: { rate504: 1, failAfterWriteRate: 1 },
    });
    const response = await graph(sim, `/users/${userId(44)}/assignLicense`, {
      method: 'POST',
      body: assignBody,
    });
    expect(response.status).toBe(504);
    expect(
      (await control(sim, 'GET', `/users/${userId(44)}/licenses`)).body.assignedLicenses,
    ).toEqual([{ skuId: e3, disabledPlans: [] }]);
  });

  it('delays requests by the configured latency and is switched on and off at run time', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(60) });
    expect((await control(sim, 'PUT', '/faults', { readLatencyMs: 150 })).status).toBe(200);
    const started = performance.now();
    expect((await graph(sim, '/organization')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await control(sim, 'PUT', '/faults', { readLatencyMs: 0, rate503: 1 });
    expect((await graph(sim, '/organization')).status).toBe(503);
    expect((await control(sim, 'GET', '/faults')).body.rate503).toBe(1);
    expect((await control(sim, 'PUT', '/faults', { rate503: 2 })).status).toBe(400);
  });
});
