import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph } from './client.ts';
import { e3, smallTenantSeed, userId } from './fixture.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const json = { 'Content-Type': 'application/json' };
const assign = (id: string, user: string, extra: Record<string, unknown> = {}) => ({
  id,
  method: 'POST',
  url: `/users/${user}/assignLicense`,
  headers: json,
  body: { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] },
  ...extra,
});

describe('POST /$batch', () => {
  it('answers 200 with one response per request, each with its own status, headers and body', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(60) });
    const response = await graph(sim, '/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${userId(1)}?$select=id` },
          assign('2', userId(50)),
          { id: '3', method: 'GET', url: '/users/missing-user' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.responses.map((r) => [r.id, r]));
    expect(byId['1']!.status).toBe(200);
    expect(byId['1']!.body.id).toBe(userId(1));
    expect(byId['1']!.headers['Content-Type']).toMatch(/^application\/json/);
    expect(byId['2']!.status).toBe(200);
    expect(byId['3']!.status).toBe(404);
    expect(byId['3']!.body.error.code).toBe('Request_ResourceNotFound');
    const licenses = await control(sim, 'GET', `/users/${userId(50)}/licenses`);
    expect(licenses.body.assignedLicenses).toEqual([{ skuId: e3, disabledPlans: [] }]);
  });

  it('refuses more than 20 requests with 400', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(30) });
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/organization',
    }));
    const refused = await graph(sim, '/$batch', { method: 'POST', body: { requests } });
    expectGraphError(refused, 400, 'BadRequest');
    expect(refused.body.error.message).toBe(
      'Number of batch request steps exceeds the maximum value of 20.',
    );
    const twenty = await graph(sim, '/$batch', {
      method: 'POST',
      body: { requests: requests.slice(0, 20) },
    });
    expect(twenty.status).toBe(200);
    expect(twenty.body.responses).toHaveLength(20);
  });

  it('refuses duplicate ids, unknown dependencies and a missing body shape with 400', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(30) });
    const duplicate = [
      { id: '1', method: 'GET', url: '/organization' },
      { id: '1', method: 'GET', url: '/subscribedSkus' },
    ];
    expectGraphError(
      await graph(sim, '/$batch', { method: 'POST', body: { requests: duplicate } }),
      400,
      'BadRequest',
    );
    const dangling = [{ id: '1', method: 'GET', url: '/organization', dependsOn: ['9'] }];
    expectGraphError(
      await graph(sim, '/$batch', { method: 'POST', body: { requests: dangling } }),
      400,
      'BadRequest',
    );
    expectGraphError(
      await graph(sim, '/$batch', { method: 'POST', body: { calls: [] } }),
      400,
      'BadRequest',
    );
  });

  it('treats request ids as case-insensitive: "a" and "A" collide with Graph\'s message', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(30) });
    const clash = [
      { id: 'a', method: 'GET', url: '/organization' },
      { id: 'A', method: 'GET', url: '/subscribedSkus' },
    ];
    const refused = await graph(sim, '/$batch', { method: 'POST', body: { requests: clash } });
    expectGraphError(refused, 400, 'BadRequest');
    expect(refused.body.error.message).toBe('Request Id A has to be unique in a batch.');
    // dependsOn names its dependency in any case.
    const ordered = await graph(sim, '/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: 'First', method: 'GET', url: '/users/missing-user' },
          { id: 'second', method: 'GET', url: '/organization', dependsOn: ['FIRST'] },
        ],
      },
    });
    expect(ordered.status).toBe(200);
    const byId = Object.fromEntries(ordered.body.responses.map((r) => [r.id, r]));
    expect(byId['second']!.status).toBe(424);
  });

  it("gives each inner response Graph's headers (Cache-Control, Content-Type)", async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(30) });
    const response = await graph(sim, '/$batch', {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'GET', url: '/organization' }] },
    });
    const [inner] = response.body.responses;
    expect(inner!.headers['Cache-Control']).toBe('no-cache');
    expect(inner!.headers['Content-Type']).toMatch(/^application\/json;odata\.metadata=minimal/);
  });

  it('answers 424 for a request whose dependency failed, and runs it when the dependency succeeded', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(60) });
    const response = await graph(sim, '/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/users/missing-user' },
          assign('b', userId(45), { dependsOn: ['a'] }),
          { id: 'c', method: 'GET', url: `/users/${userId(46)}` },
          assign('d', userId(46), { dependsOn: ['c'] }),
        ],
      },
    });
    const byId = Object.fromEntries(response.body.responses.map((r) => [r.id, r]));
    expect(byId['b']!.status).toBe(424);
    expect(byId['b']!.body.error.code).toBe('FailedDependency');
    expect(byId['d']!.status).toBe(200);
    const untouched = await control(sim, 'GET', `/users/${userId(45)}/licenses`);
    expect(untouched.body.assignedLicenses).toEqual([]);
  });

  it('throttles each inner request on its own: inner 429s carry Retry-After', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(60),
      throttle: { writeBudget: 5, writeWindowMs: 60_000 },
    });
    const requests = Array.from({ length: 8 }, (_, i) => assign(String(i), userId(40 + i)));
    const response = await graph(sim, '/$batch', { method: 'POST', body: { requests } });
    expect(response.status).toBe(200);
    const statuses = response.body.responses.map((r) => r.status);
    expect(statuses.filter((s: number) => s === 200)).toHaveLength(5);
    const throttled = response.body.responses.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(3);
    expect(Number(throttled[0]!.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(throttled[0]!.body.error.code).toBe('TooManyRequests');
  });

  it('treats an inner URL that repeats the version as an unknown segment', async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(30) });
    const response = await graph(sim, '/$batch', {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'GET', url: '/v1.0/organization' }] },
    });
    expect(response.body.responses[0]!.status).toBe(400);
    expect(response.body.responses[0]!.body.error.message).toBe(
      "Resource not found for the segment 'v1.0'.",
    );
  });

  it('fails inner requests on their own when the injector answers 503, and loses the whole batch on a drop', async () => {
    sim = await startSimulator({
      port: 0,
      tenantSeed: smallTenantSeed(30),
      faults: { rate503: 1 },
    });
    const requests = [
      { id: '1', method: 'GET', url: '/organization' },
      { id: '2', method: 'GET', url: '/subscribedSkus' },
    ];
    const response = await graph(sim, '/$batch', { method: 'POST', body: { requests } });
    expect(response.status).toBe(200);
    expect(response.body.responses.map((r) => [r.status, r.body.error.code])).toEqual([
      [503, 'serviceNotAvailable'],
      [503, 'serviceNotAvailable'],
    ]);
    await control(sim, 'PUT', '/faults', { rate503: 0, dropRate: 1 });
    await expect(
      fetch(`${sim.graphBaseUrl}/$batch`, {
        method: 'POST',
        headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests }),
      }),
    ).rejects.toThrow();
  });

  it("honours ConsistencyLevel given in an inner request's headers", async () => {
    sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(30) });
    const response = await graph(sim, '/$batch', {
      method: 'POST',
      body: {
        requests: [
          {
            id: '1',
            method: 'GET',
            url: '/users/$count',
            headers: { ConsistencyLevel: 'eventual' },
          },
          { id: '2', method: 'GET', url: '/users/$count' },
        ],
      },
    });
    const [counted, refused] = response.body.responses;
    expect(counted).toMatchObject({ status: 200, body: '30' });
    expect(refused?.status).toBe(400);
  });
});
