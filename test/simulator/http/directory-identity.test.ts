import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { graph } from './client.ts';
import { salesId, smallTenantSeed, userId } from './fixture.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(40) });
});
afterAll(async () => {
  await sim.close();
});

describe('userType', () => {
  it("is 'Member' on every simulated user, so filtering on it finds them", async () => {
    const response = await graph(
      sim,
      "/users?$filter=userType eq 'Member'&$select=id,userType&$top=999",
    );
    expect(response.status).toBe(200);
    expect(response.body.value).toHaveLength(40);
    expect(response.body.value.every((u) => u.userType === 'Member')).toBe(true);
    const guests = await graph(sim, "/users?$filter=userType eq 'Guest'&$select=id");
    expect(guests.body.value).toEqual([]);
  });
});

describe('object ids', () => {
  it('are read in any case, like UPNs', async () => {
    const user = await graph(sim, `/users/${userId(3).toUpperCase()}?$select=id`);
    expect(user.status).toBe(200);
    expect(user.body.id).toBe(userId(3));
    const group = await graph(sim, `/groups/${salesId.toUpperCase()}?$select=id`);
    expect(group.status).toBe(200);
    expect(group.body.id).toBe(salesId);
  });
});

describe('dates', () => {
  it('are written as Graph writes directory dates: UTC, whole seconds, no fraction', async () => {
    const assigned = await graph(sim, `/users/${userId(30)}/assignLicense`, {
      method: 'POST',
      body: {
        addLicenses: [{ skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', disabledPlans: [] }],
        removeLicenses: [],
      },
    });
    expect(assigned.status).toBe(200);
    const user = await graph(sim, `/users/${userId(30)}?$select=licenseAssignmentStates`);
    const [state] = user.body.licenseAssignmentStates as { lastUpdatedDateTime: string }[];
    expect(state!.lastUpdatedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
