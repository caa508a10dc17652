import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { expectGraphError, graph, type GraphResponse, type Item } from './client.ts';
import { e3, smallTenantSeed, userId } from './fixture.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';
const eventual = { ConsistencyLevel: 'eventual' };
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(250) });
});
afterAll(async () => {
  await sim.close();
});

/** Follows nextLinks to the end; returns every page's size and all items. */
async function allPages(first: string, headers: Record<string, string> = {}) {
  const sizes: number[] = [];
  const items: Item[] = [];
  let next: string | undefined = first;
  while (next) {
    const page = await graph(sim, next, { headers });
    expect(page.status).toBe(200);
    sizes.push(page.body.value.length);
    items.push(...page.body.value);
    next = page.body['@odata.nextLink'];
  }
  return { sizes, items };
}

describe('GET /users', () => {
  it("returns Graph's default property set, without licenses or usage location", async () => {
    const response = await graph(sim, '/users');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body['@odata.context']).toBe(`${metadata}users`);
    const first = response.body.value[0]!;
    expect(Object.keys(first).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    expect(first.id).toBe(userId(0));
  });

  it('pages by 100 by default with an absolute nextLink back at the simulator', async () => {
    const response = await graph(sim, '/users');
    expect(response.body.value).toHaveLength(100);
    expect(response.body['@odata.nextLink']).toMatch(
      new RegExp(`^${sim.graphBaseUrl}/users\\?\\$skiptoken=`),
    );
  });

  it('pages to the end with exact counts, keeping $select and $top in the skiptoken', async () => {
    const { sizes, items } = await allPages('/users?$select=id,usageLocation&$top=60');
    expect(sizes).toEqual([60, 60, 60, 60, 10]);
    expect(new Set(items.map((u) => u.id)).size).toBe(250);
    expect(Object.keys(items[249]!).sort()).toEqual(['id', 'usageLocation']);
  });

  it('returns only the selected properties, named in @odata.context', async () => {
    const response = await graph(
      sim,
      '/users?$select=displayName,assignedLicenses,licenseAssignmentStates&$top=1',
    );
    expect(response.body['@odata.context']).toBe(
      `${metadata}users(displayName,assignedLicenses,licenseAssignmentStates)`,
    );
    const user = response.body.value[0]!;
    expect(Object.keys(user)).toEqual([
      'displayName',
      'assignedLicenses',
      'licenseAssignmentStates',
    ]);
    expect(user.assignedLicenses).toEqual([{ skuId: e3, disabledPlans: [] }]);
    expect((user['licenseAssignmentStates'] as unknown[])[0]).toMatchObject({
      skuId: e3,
      assignedByGroup: null,
    });
  });

  it('answers 400 for a $select of a property users do not have', async () => {
    const response = await graph(sim, '/users?$select=shoeSize');
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toContain("'shoeSize'");
  });

  it.each(['0', '1000', 'abc', '-5'])('answers 400 for $top=%s', async (top) => {
    const response = await graph(sim, `/users?$top=${top}`);
    expectGraphError(response, 400, 'Request_BadRequest');
    expect(response.body.error.message).toContain('between 1 and 999');
  });

  it('accepts $top=999 and $top=1', async () => {
    expect((await graph(sim, '/users?$top=999')).body.value).toHaveLength(250);
    expect((await graph(sim, '/users?$top=1')).body.value).toHaveLength(1);
  });

  it('answers 400 for a skiptoken it did not issue', async () => {
    expectGraphError(await graph(sim, '/users?$skiptoken=garbage'), 400, 'Request_BadRequest');
  });
});

describe('$count', () => {
  it('gives @odata.count with $count=true and ConsistencyLevel: eventual, on every page', async () => {
    const first = await graph(sim, "/users?$count=true&$filter=department eq 'Sales'&$top=20", {
      headers: eventual,
    });
    expect(first.body['@odata.count']).toBe(50);
    const second = await graph(sim, first.body['@odata.nextLink']!);
    expect(second.body['@odata.count']).toBe(50);
  });

  it('silently ignores $count=true without ConsistencyLevel, as Graph does', async () => {
    const response = await graph(sim, '/users?$count=true');
    expect(response.status).toBe(200);
    expect(response.body).not.toHaveProperty('@odata.count');
  });

  it('answers /users/$count in plain text with ConsistencyLevel, 400 without', async () => {
    const counted = await graph(sim, '/users/$count', { headers: eventual });
    expect(counted.status).toBe(200);
    expect(counted.text).toBe('250');
    const refused = await graph(sim, '/users/$count');
    expectGraphError(refused, 400, 'Request_BadRequest');
    expect(refused.body.error.message).toBe('$count is not currently supported.');
  });
});

describe('$filter on users', () => {
  const count = async (filter: string, advanced = false): Promise<number> => {
    const response = await graph(
      sim,
      `/users?$filter=${encodeURIComponent(filter)}&$top=999${advanced ? '&$count=true' : ''}`,
      {
        headers: advanced ? eventual : {},
      },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.value.length;
  };

  it('filters with eq, startswith and in', async () => {
    expect(await count("department eq 'Finance'")).toBe(50);
    expect(await count("startswith(displayName,'Person 24')")).toBe(11);
    expect(await count("department in ('Sales','Legal')")).toBe(100);
    expect(await count('accountEnabled eq false')).toBe(5);
  });

  it('filters with and, or and parentheses', async () => {
    expect(
      await count("department eq 'Sales' and (jobTitle eq 'Manager' or usageLocation eq 'FR')"),
    ).toBe(50);
  });

  it('filters on assigned licenses with any()', async () => {
    expect(await count(`assignedLicenses/any(x:x/skuId eq ${e3})`)).toBe(40);
  });

  it('accepts advanced-only filters (ne, not, /$count eq 0) with ConsistencyLevel and $count=true', async () => {
    expect(await count("department ne 'Sales'", true)).toBe(200);
    expect(
      await count("onPremisesExtensionAttributes/extensionAttribute10 eq 'E3 All'", true),
    ).toBe(125);
    expect(await count('assignedLicenses/$count eq 0', true)).toBe(210);
    expect(await count(`not(assignedLicenses/any(x:x/skuId eq ${e3}))`, true)).toBe(210);
  });

  it.each(["department ne 'Sales'", 'assignedLicenses/$count eq 0'])(
    'refuses the advanced-only filter %s without ConsistencyLevel and $count=true',
    async (filter) => {
      const response = await graph(sim, `/users?$filter=${encodeURIComponent(filter)}`);
      expectGraphError(response, 400, 'Request_UnsupportedQuery');
    },
  );

  it('answers 400 for an unsupported or malformed filter, never a match-all', async () => {
    const unsupported = await graph(
      sim,
      `/users?$filter=${encodeURIComponent("favouriteColour eq 'blue'")}`,
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.value).toBeUndefined();
    const malformed = await graph(
      sim,
      `/users?$filter=${encodeURIComponent("department eq 'Sales")}`,
    );
    expect(malformed.status).toBe(400);
  });

  it('pages a filtered list to the end with exact counts', async () => {
    const { sizes, items } = await allPages(
      `/users?$filter=${encodeURIComponent("department eq 'Engineering'")}&$top=15`,
    );
    expect(sizes).toEqual([15, 15, 15, 5]);
    expect(items.every((u) => Number(u.surname) % 5 === 2)).toBe(true);
  });
});

describe('one user', () => {
  it('is found by id or by UPN (case-insensitive), with @odata.context users/$entity', async () => {
    const byId = await graph(sim, `/users/${userId(3)}`);
    expect(byId.body['@odata.context']).toBe(`${metadata}users/$entity`);
    expect(byId.body.userPrincipalName).toBe('person3@contoso.onmicrosoft.com');
    const byUpn = await graph(
      sim,
      '/users/PERSON3@contoso.onmicrosoft.com?$select=id,usageLocation',
    );
    expect(byUpn.body).toEqual({
      '@odata.context': `${metadata}users(id,usageLocation)/$entity`,
      id: userId(3),
      usageLocation: 'FR',
    });
  });

  it('sets the usage location with PATCH (204) and refuses an invalid one (400)', async () => {
    const patched = await graph(sim, `/users/${userId(9)}`, {
      method: 'PATCH',
      body: { usageLocation: 'DE' },
    });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    expect((await graph(sim, `/users/${userId(9)}?$select=usageLocation`)).body.usageLocation).toBe(
      'DE',
    );
    const refused = await graph(sim, `/users/${userId(9)}`, {
      method: 'PATCH',
      body: { usageLocation: 'Germany' },
    });
    expect(refused.status).toBe(400);
  });

  it('assigns a license (200 and the user) and lists it in licenseDetails', async () => {
    const assigned = await graph(sim, `/users/${userId(100)}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body['@odata.context']).toBe(`${metadata}users/$entity`);
    expect(assigned.body.id).toBe(userId(100));
    // As in Microsoft's example: the answer carries the user's licenses after the write.
    expect(assigned.body.assignedLicenses).toEqual([{ skuId: e3, disabledPlans: [] }]);
    expect(assigned.body.assignedPlans).toEqual(
      expect.arrayContaining([expect.objectContaining({ capabilityStatus: 'Enabled' })]),
    );
    expect(assigned.body.userPrincipalName).toBe('person100@contoso.onmicrosoft.com');
    const details = await graph(sim, `/users/${userId(100)}/licenseDetails`);
    expect(details.body['@odata.context']).toBe(
      `${metadata}users('${userId(100)}')/licenseDetails`,
    );
    expect(details.body.value.map((d) => d.skuPartNumber)).toEqual(['SPE_E3']);
  });

  it("passes the tenant's business errors through in Graph's envelope", async () => {
    const missing = await graph(sim, `/users/${userId(101)}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3, disabledPlans: [] }] },
    });
    expectGraphError(missing, 400, 'Request_BadRequest');
    const noLocation = await graph(sim, `/users/${userId(119)}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] },
    });
    expectGraphError(noLocation, 400, 'Request_BadRequest');
    expect(noLocation.body.error.message).toMatch(/usage location/i);
  });

  it('lists direct and transitive groups with @odata.type', async () => {
    const direct = await graph(sim, `/users/${userId(5)}/memberOf`);
    expect(direct.body['@odata.context']).toBe(`${metadata}directoryObjects`);
    const names = (r: GraphResponse) => r.body.value.map((g) => g.displayName).sort();
    expect(names(direct)).toEqual(['All Employees', 'Sales EMEA']);
    expect(direct.body.value[0]?.['@odata.type']).toBe('#microsoft.graph.group');
    const transitive = await graph(sim, `/users/${userId(5)}/transitiveMemberOf`);
    expect(names(transitive)).toEqual(['All Employees', 'Sales', 'Sales EMEA']);
  });

  it('reprocesses a user (200 and the user)', async () => {
    const response = await graph(sim, `/users/${userId(7)}/reprocessLicenseAssignment`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(userId(7));
    expect(response.body.assignedLicenses).toEqual([{ skuId: e3, disabledPlans: [] }]);
  });
});
