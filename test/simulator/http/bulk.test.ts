import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, graph } from './client.ts';
import { e3, smallTenantSeed, userId } from './fixture.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    tenantSeed: smallTenantSeed(10_000),
    throttle: { enabled: false },
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await sim.close();
});

async function pageAll(first: string, headers: Record<string, string> = {}): Promise<number[]> {
  const sizes: number[] = [];
  let next: string | undefined = first;
  while (next) {
    const page = await graph(sim, next, { headers });
    expect(page.status).toBe(200);
    sizes.push(page.body.value.length);
    next = page.body['@odata.nextLink'];
  }
  return sizes;
}

describe('at scale', () => {
  // Speed is proved by the work done (how often a user's Graph view is built), which no machine
  // changes; the wall-clock bounds only catch a hang, with room for a slow, loaded machine.
  it('lists 10,000 users in pages of 999 quickly, building each user once', async () => {
    const built = vi.spyOn(sim.tenant(), 'userResource');
    const started = performance.now();
    const sizes = await pageAll('/users?$top=999&$select=id,assignedLicenses');
    expect(sizes).toHaveLength(11);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(built).toHaveBeenCalledTimes(10_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('pages a filter over 10,000 users with a count, scanning each user about once', async () => {
    const built = vi.spyOn(sim.tenant(), 'userResource');
    const started = performance.now();
    const sizes = await pageAll(
      `/users?$count=true&$top=100&$filter=${encodeURIComponent("department eq 'Legal'")}`,
      { ConsistencyLevel: 'eventual' },
    );
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_000);
    expect(sizes).toHaveLength(20);
    // One counting pass and one paging pass over the 10,000, plus the 2,000 matches rendered:
    // about 22,000. Pages that each scanned from the start, or counted again, would build 100,000+.
    expect(built.mock.calls.length).toBeLessThan(25_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('takes 1,000 assignLicense calls through 50 batches of 20', async () => {
    await control(sim, 'PATCH', `/skus/${e3}`, { prepaidUnits: { enabled: 20_000 } });
    const started = performance.now();
    const batches = Array.from({ length: 50 }, (_, b) =>
      graph(sim, '/$batch', {
        method: 'POST',
        body: {
          requests: Array.from({ length: 20 }, (_, i) => ({
            id: String(i + 1),
            method: 'POST',
            url: `/users/${userId(1_000 + b * 20 + i)}/assignLicense`,
            headers: { 'Content-Type': 'application/json' },
            body: { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] },
          })),
        },
      }),
    );
    const results = await Promise.all(batches);
    const statuses = results.flatMap((r) => r.body.responses.map((x) => x.status));
    expect(statuses).toHaveLength(1_000);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
