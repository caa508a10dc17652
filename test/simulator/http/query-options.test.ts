import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { expectGraphError, graph } from './client.ts';
import { allEmployeesId, salesId, smallTenantSeed, userId } from './fixture.ts';

const eventual = { ConsistencyLevel: 'eventual' };
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(120) });
});
afterAll(async () => {
  await sim.close();
});

const names = (response: Awaited<ReturnType<typeof graph>>): string[] =>
  response.body.value.map((u) => String(u.displayName));

describe('$orderby', () => {
  it('sorts users by displayName by default, as Graph does without advanced parameters', async () => {
    const response = await graph(sim, '/users?$orderby=displayName&$select=displayName&$top=5');
    expect(response.status).toBe(200);
    // "Person 0", "Person 1", "Person 10", "Person 100", … in text order, not seed order.
    expect(names(response)).toEqual([
      'Person 0',
      'Person 1',
      'Person 10',
      'Person 100',
      'Person 101',
    ]);
  });

  it('sorts descending and keeps the order across nextLink pages', async () => {
    let next: string | undefined = '/users?$orderby=displayName desc&$select=displayName&$top=50';
    const all: string[] = [];
    while (next) {
      const page = await graph(sim, next);
      expect(page.status).toBe(200);
      all.push(...names(page));
      next = page.body['@odata.nextLink'];
    }
    expect(all).toHaveLength(120);
    expect(all[0]).toBe('Person 99');
    const sorted = [...all].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' }));
    expect(all).toEqual(sorted);
  });

  it('refuses a property that cannot be sorted (Request_UnsupportedQuery), never an unsorted page', async () => {
    const response = await graph(sim, '/users?$orderby=department');
    expectGraphError(response, 400, 'Request_UnsupportedQuery');
    expect(response.body.error.message).toBe('Sorting not supported for current query.');
  });

  it('names an unknown property like Graph', async () => {
    const response = await graph(sim, '/users?$orderby=shoeSize');
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toBe(
      "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    );
  });

  it('needs the advanced parameters to sort a filtered list, and sorts it with them', async () => {
    const plain = await graph(sim, "/users?$filter=department eq 'Sales'&$orderby=displayName");
    expectGraphError(plain, 400, 'Request_UnsupportedQuery');
    const advanced = await graph(
      sim,
      "/users?$filter=department eq 'Sales'&$orderby=displayName&$count=true&$select=displayName,department&$top=3",
      { headers: eventual },
    );
    expect(advanced.status).toBe(200);
    expect(names(advanced)).toEqual(['Person 0', 'Person 10', 'Person 100']);
    expect(advanced.body['@odata.count']).toBe(24);
  });

  it('sorts by createdDateTime only in advanced queries', async () => {
    expectGraphError(
      await graph(sim, '/users?$orderby=createdDateTime'),
      400,
      'Request_UnsupportedQuery',
    );
    const advanced = await graph(sim, '/users?$orderby=createdDateTime&$count=true', {
      headers: eventual,
    });
    expect(advanced.status).toBe(200);
  });

  it('sorts groups by displayName', async () => {
    const response = await graph(sim, '/groups?$orderby=displayName&$select=displayName');
    expect(response.status).toBe(200);
    const list = names(response);
    expect(list).toEqual(
      [...list].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
  });
});

describe('$search', () => {
  it("is refused without ConsistencyLevel: eventual, with Graph's documented message", async () => {
    const response = await graph(sim, '/users?$search="displayName:Person 7"');
    expectGraphError(response, 400, 'Request_UnsupportedQuery');
    expect(response.body.error.message).toBe(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  });

  it('matches the start of a word of the property, case-insensitively', async () => {
    const response = await graph(
      sim,
      '/users?$search="displayName:person 11"&$select=displayName&$count=true',
      { headers: eventual },
    );
    expect(response.status).toBe(200);
    expect(names(response).sort()).toEqual(
      [
        'Person 11',
        'Person 110',
        'Person 111',
        'Person 112',
        'Person 113',
        'Person 114',
        'Person 115',
        'Person 116',
        'Person 117',
        'Person 118',
        'Person 119',
      ].sort(),
    );
    expect(response.body['@odata.count']).toBe(11);
    // A term inside a word does not match: "erson" is not the start of a word.
    const inside = await graph(sim, '/users?$search="displayName:erson"', { headers: eventual });
    expect(inside.body.value).toEqual([]);
  });

  it('combines clauses with OR and AND', async () => {
    const either = await graph(
      sim,
      '/users?$search="mail:person5@" OR "mail:person7@"&$select=displayName',
      { headers: eventual },
    );
    expect(names(either).sort()).toEqual(['Person 5', 'Person 7']);
    const both = await graph(
      sim,
      '/users?$search="displayName:Person" AND "jobTitle:Manager"&$select=displayName&$top=999',
      { headers: eventual },
    );
    expect(names(both).sort()).toEqual([
      'Person 0',
      'Person 100',
      'Person 25',
      'Person 50',
      'Person 75',
    ]);
  });

  it('refuses an unquoted or unknown clause instead of listing everyone', async () => {
    expectGraphError(
      await graph(sim, '/users?$search=displayName:Person', { headers: eventual }),
      400,
      'BadRequest',
    );
    expectGraphError(
      await graph(sim, '/users?$search="usageLocation:FR"', { headers: eventual }),
      400,
      'Request_UnsupportedQuery',
    );
  });

  it('searches the user members of a group through the OData cast', async () => {
    const response = await graph(
      sim,
      `/groups/${allEmployeesId}/members/microsoft.graph.user?$search="displayName:Person 3"&$count=true&$select=id`,
      { headers: eventual },
    );
    expect(response.status).toBe(200);
    expect(response.body.value.map((u) => u.id)).toContain(userId(3));
    expect(response.body.value.length).toBeLessThan(20);
  });
});

describe('options the simulator does not apply are refused, not ignored', () => {
  it('refuses $skip on users as Graph does', async () => {
    const response = await graph(sim, '/users?$skip=10');
    expectGraphError(response, 400, 'Request_BadRequest');
    expect(response.body.error.message).toBe("'$skip' is not supported by the service.");
  });

  it('refuses $expand on lists and single users', async () => {
    expectGraphError(await graph(sim, '/users?$expand=manager'), 400, 'Request_UnsupportedQuery');
    expectGraphError(
      await graph(sim, `/users/${userId(1)}?$expand=memberOf`),
      400,
      'Request_UnsupportedQuery',
    );
  });

  it('refuses an unknown system query option by name', async () => {
    const response = await graph(sim, '/groups?$shoeSize=42');
    expectGraphError(response, 400, 'BadRequest');
    // Names are read case-insensitively, so Graph's message names it in lower case.
    expect(response.body.error.message).toBe("The query parameter '$shoesize' is not supported.");
  });

  it('ignores custom parameters without $, as Graph does', async () => {
    expect((await graph(sim, '/users?$top=1&trace=yes')).status).toBe(200);
  });
});

describe('/$count segment', () => {
  it('counts what $search matches, and refuses options it cannot apply', async () => {
    const counted = await graph(sim, '/users/$count?$search="displayName:person 11"', {
      headers: eventual,
    });
    expect(counted.status).toBe(200);
    expect(counted.text).toBe('11');
    expectGraphError(
      await graph(sim, '/users/$count?$orderby=displayName', { headers: eventual }),
      400,
      'BadRequest',
    );
  });
});

describe('query option names', () => {
  it('reads system query options case-insensitively, as OData does', async () => {
    const response = await graph(sim, '/users?$Select=displayName&$TOP=2&$OrderBy=displayName');
    expect(response.status).toBe(200);
    expect(response.body['@odata.context']).toMatch(/#users\(displayName\)$/);
    expect(names(response)).toEqual(['Person 0', 'Person 1']);
  });
});

describe("a user's groups", () => {
  it('search and sort on displayName as advanced queries', async () => {
    const plain = await graph(sim, `/users/${userId(5)}/transitiveMemberOf?$orderby=displayName`);
    expectGraphError(plain, 400, 'Request_UnsupportedQuery');
    const response = await graph(
      sim,
      `/users/${userId(5)}/transitiveMemberOf?$search="displayName:sales"&$orderby=displayName desc&$count=true&$select=displayName`,
      { headers: eventual },
    );
    expect(response.status).toBe(200);
    expect(names(response)).toEqual(['Sales EMEA', 'Sales']);
  });
});

describe("a group's member counts", () => {
  it('counts members, transitive members and the user cast as plain text, with eventual only', async () => {
    const count = async (path: string) => {
      const response = await graph(sim, path, { headers: eventual });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      return response.text;
    };
    // Sales holds user 0 and the group Sales EMEA, which holds users 5 and 10.
    expect(await count(`/groups/${salesId}/members/$count`)).toBe('2');
    expect(await count(`/groups/${salesId}/members/microsoft.graph.user/$count`)).toBe('1');
    expect(await count(`/groups/${salesId}/transitiveMembers/microsoft.graph.user/$count`)).toBe(
      '3',
    );
    expect(await count(`/groups/${allEmployeesId}/members/microsoft.graph.user/$count`)).toBe(
      '120',
    );
    expectGraphError(
      await graph(sim, `/groups/${salesId}/members/$count`),
      400,
      'Request_BadRequest',
    );
    expectGraphError(
      await graph(sim, `/groups/missing/members/$count`, { headers: eventual }),
      404,
      'Request_ResourceNotFound',
    );
  });
});
