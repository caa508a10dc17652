import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph } from './client.ts';
import {
  allEmployeesId,
  contractorsId,
  e5,
  salesEmeaId,
  salesId,
  smallTenantSeed,
} from './fixture.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    tenantSeed: smallTenantSeed(250),
    groupProcessingDelayMs: 20,
  });
});
afterAll(async () => {
  await sim.close();
});

describe('GET /groups', () => {
  it('lists groups without licenses, processing state or hasMembersWithLicenseErrors by default', async () => {
    const response = await graph(sim, '/groups');
    expect(response.body['@odata.context']).toBe(`${metadata}groups`);
    expect(response.body.value.map((g) => g.displayName)).toEqual([
      'All Employees',
      'Contractors',
      'Sales',
      'Sales EMEA',
    ]);
    const group = response.body.value[0];
    expect(group).toMatchObject({ id: allEmployeesId, securityEnabled: true });
    expect(group).not.toHaveProperty('assignedLicenses');
    expect(group).not.toHaveProperty('licenseProcessingState');
    expect(group).not.toHaveProperty('hasMembersWithLicenseErrors');
  });

  it("returns every default property of Microsoft's List groups example, unknown ones as null", async () => {
    const response = await graph(sim, '/groups');
    const group = response.body.value[0]!;
    for (const name of [
      'onPremisesLastSyncDateTime',
      'onPremisesSecurityIdentifier',
      'onPremisesSyncEnabled',
      'preferredDataLocation',
      'preferredLanguage',
      'theme',
    ]) {
      expect(group[name]).toBeNull();
    }
    expect(group['onPremisesProvisioningErrors']).toEqual([]);
    expect(group['mailNickname']).toBe('AllEmployees');
  });

  it('filters on displayName with eq and startswith', async () => {
    const eq = await graph(
      sim,
      `/groups?$filter=${encodeURIComponent("displayName eq 'Contractors'")}`,
    );
    expect(eq.body.value.map((g) => g.id)).toEqual([contractorsId]);
    const starts = await graph(
      sim,
      `/groups?$filter=${encodeURIComponent("startswith(displayName,'Sales')")}`,
    );
    expect(starts.body.value.map((g) => g.id)).toEqual([salesId, salesEmeaId]);
  });

  it('returns licenses and processing state only with $select, and never hasMembersWithLicenseErrors', async () => {
    const response = await graph(
      sim,
      `/groups/${allEmployeesId}?$select=id,assignedLicenses,licenseProcessingState,hasMembersWithLicenseErrors`,
    );
    expect(response.body['@odata.context']).toBe(
      `${metadata}groups(id,assignedLicenses,licenseProcessingState,hasMembersWithLicenseErrors)/$entity`,
    );
    expect(response.body).toHaveProperty('assignedLicenses');
    expect(response.body).toHaveProperty('licenseProcessingState');
    expect(response.body).not.toHaveProperty('hasMembersWithLicenseErrors');
  });
});

describe('members', () => {
  it('pages direct members with @odata.type, and the nested group as a member', async () => {
    const first = await graph(sim, `/groups/${allEmployeesId}/members`);
    expect(first.body['@odata.context']).toBe(`${metadata}directoryObjects`);
    expect(first.body.value).toHaveLength(100);
    expect(first.body.value[0]?.['@odata.type']).toBe('#microsoft.graph.user');
    const second = await graph(sim, first.body['@odata.nextLink']!);
    expect(second.body.value).toHaveLength(50);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    const sales = await graph(sim, `/groups/${salesId}/members?$select=id,displayName`);
    expect(sales.body.value.map((m) => m['@odata.type'])).toEqual([
      '#microsoft.graph.user',
      '#microsoft.graph.group',
    ]);
  });

  it('expands nested groups with transitiveMembers', async () => {
    const response = await graph(sim, `/groups/${salesId}/transitiveMembers?$select=id`);
    expect(response.body.value.map((m) => m.id).sort()).toEqual(
      ['user-0000', 'user-0005', 'user-0010', salesEmeaId].sort(),
    );
  });
});

describe('OData casts', () => {
  it('lists only the user members with /members/microsoft.graph.user, as #users', async () => {
    const response = await graph(sim, `/groups/${salesId}/members/microsoft.graph.user?$select=id`);
    expect(response.body['@odata.context']).toBe(`${metadata}users(id)`);
    expect(response.body.value).toEqual([{ id: 'user-0000' }]);
    const transitive = await graph(
      sim,
      `/groups/${salesId}/transitiveMembers/microsoft.graph.user?$filter=${encodeURIComponent("department eq 'Sales'")}&$select=id`,
    );
    expect(transitive.body.value.map((u) => u.id)).toEqual(['user-0000', 'user-0005', 'user-0010']);
  });

  it("lists a user's groups with /transitiveMemberOf/microsoft.graph.group, as #groups", async () => {
    const response = await graph(
      sim,
      `/users/user-0005/transitiveMemberOf/microsoft.graph.group?$select=displayName`,
    );
    expect(response.body['@odata.context']).toBe(`${metadata}groups(displayName)`);
    expect(response.body.value.map((g) => g.displayName).sort()).toEqual([
      'All Employees',
      'Sales',
      'Sales EMEA',
    ]);
    expect(response.body.value[0]).not.toHaveProperty('@odata.type');
  });
});

describe('group-based licensing', () => {
  it('answers assignLicense with 202 Accepted and the group, then processes in the background', async () => {
    const accepted = await graph(sim, `/groups/${contractorsId}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e5, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body['@odata.context']).toBe(`${metadata}groups/$entity`);
    expect(accepted.body.id).toBe(contractorsId);
    expect(accepted.headers.get('location')).toContain(contractorsId);
    expect((await control(sim, 'POST', '/settle')).status).toBe(200);
    const state = await graph(
      sim,
      `/groups/${contractorsId}?$select=assignedLicenses,licenseProcessingState`,
    );
    expect(state.body.licenseProcessingState).toEqual({ state: 'ProcessingComplete' });
    expect(state.body.assignedLicenses).toEqual([{ skuId: e5, disabledPlans: [] }]);
  });

  it('lists groups with members in error by filter, and those members', async () => {
    // E5 is down to the seats Contractors already use: Sales EMEA's two members cannot get one.
    expect(
      (await control(sim, 'PATCH', `/skus/${e5}`, { prepaidUnits: { enabled: 3 } })).status,
    ).toBe(200);
    const accepted = await graph(sim, `/groups/${salesEmeaId}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e5, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(accepted.status).toBe(202);
    await control(sim, 'POST', '/settle');
    const failing = await graph(
      sim,
      `/groups?$filter=${encodeURIComponent('hasMembersWithLicenseErrors eq true')}`,
    );
    expect(failing.status).toBe(200);
    expect(failing.body.value.map((g) => g.id)).toEqual([salesEmeaId]);
    const members = await graph(sim, `/groups/${salesEmeaId}/membersWithLicenseErrors?$select=id`);
    expect(members.body.value.map((m) => m.id)).toEqual(['user-0005', 'user-0010']);
    expect(members.body.value[0]?.['@odata.type']).toBe('#microsoft.graph.user');
  });

  it('refuses hasMembersWithLicenseErrors with advanced query parameters, as Graph does', async () => {
    const response = await graph(
      sim,
      `/groups?$count=true&$filter=${encodeURIComponent('hasMembersWithLicenseErrors eq true')}`,
      { headers: { ConsistencyLevel: 'eventual' } },
    );
    expectGraphError(response, 400, 'Request_UnsupportedQuery');
  });

  it('answers 404 for assignLicense on an unknown group', async () => {
    const response = await graph(sim, '/groups/nope/assignLicense', {
      method: 'POST',
      body: { addLicenses: [], removeLicenses: [] },
    });
    expectGraphError(response, 404, 'Request_ResourceNotFound');
  });
});

describe('tenant endpoints', () => {
  it('lists subscribed SKUs with consumed units counted from users', async () => {
    const response = await graph(sim, '/subscribedSkus');
    expect(response.body['@odata.context']).toBe(`${metadata}subscribedSkus`);
    const e3 = response.body.value.find((s) => s.skuPartNumber === 'SPE_E3');
    expect(e3).toMatchObject({ consumedUnits: 40, prepaidUnits: { enabled: 100 } });
  });

  it('gives the organization with its country letter code', async () => {
    const response = await graph(sim, '/organization');
    expect(response.body['@odata.context']).toBe(`${metadata}organization`);
    expect(response.body.value[0]).toMatchObject({
      displayName: 'Contoso',
      countryLetterCode: 'FR',
    });
  });
});
