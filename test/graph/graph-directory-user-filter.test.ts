import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sku } from '../../src/domain/licensing.ts';
import { compileUserFilter } from '../../src/domain/selection/filter/compile-user-filter.ts';
import { parseUserFilter } from '../../src/domain/selection/filter/parse-user-filter.ts';
import type { SimLicenseState } from '../../src/simulator/tenant/types.ts';
import { e3, e5, smallTenantSeed, userId } from '../simulator/http/fixture.ts';
import { startGraphFixture, type GraphFixture } from './support/graph-fixture.ts';

/**
 * Twenty users, departments in turn (Sales, Finance, Engineering, Marketing, Legal); users 0–9
 * hold E3, users 0 and 2 also E5, users 10–19 nothing; extensionAttribute10 is "E3 All" for even
 * users. A few attributes are set below for startswith, companyName and quoting.
 */
function seed() {
  const tenant = smallTenantSeed(20);
  const license = (skuId: string): SimLicenseState => ({
    skuId,
    disabledPlans: [],
    assignedByGroup: null,
    state: 'Active',
    error: 'None',
    lastUpdatedDateTime: '2024-01-02T00:00:00Z',
  });
  tenant.users.forEach((user, i) => {
    user.licenseAssignmentStates = [
      ...(i < 10 ? [license(e3)] : []),
      ...(i === 0 || i === 2 ? [license(e5)] : []),
    ];
  });
  const at = (i: number) => tenant.users[i] as (typeof tenant.users)[number];
  at(3).department = "O'Brien & Co";
  at(4).companyName = 'Contoso Ltd';
  at(12).jobTitle = 'Engineering Lead';
  at(13).jobTitle = 'Engineer';
  return tenant;
}

let g: GraphFixture;
let skus: Sku[];
beforeAll(async () => {
  g = await startGraphFixture({ tenantSeed: seed() });
  skus = await g.directory.listSkus();
});
afterAll(async () => {
  await g.close();
});

async function select(typed: string, advancedOverride?: boolean) {
  const parsed = parseUserFilter(typed);
  if (!parsed.ok) {
    throw new Error(parsed.failure.message);
  }
  const compiled = compileUserFilter(parsed.value, skus);
  if (!compiled.ok) {
    throw new Error(compiled.failure.message);
  }
  const ids: string[] = [];
  for await (const user of g.directory.listUsers(compiled.value.filter, {
    pageSize: 7,
    advanced: advancedOverride ?? compiled.value.advanced,
  })) {
    ids.push(user.id);
  }
  return { ids: ids.sort(), advanced: compiled.value.advanced };
}

const users = (...numbers: number[]) => numbers.map(userId).sort();
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('compiled user filters against the simulator over HTTP', () => {
  it.each<[string, number[], boolean]>([
    ['has "Microsoft 365 E3"', range(0, 9), false],
    ['has SPE_E5', [0, 2], false],
    ['department eq "Engineering" and not has E5', [7, 12, 17], true],
    ['extensionAttribute10 eq "E3 All" and has E5', [0, 2], true],
    ['department in ("Sales", "Legal")', [0, 4, 5, 9, 10, 14, 15, 19], false],
    ['startswith(jobTitle, "eng")', [12, 13], false],
    ['(department eq "Sales" or department eq "Finance") and has E3', [0, 1, 5, 6], false],
    ['assignedLicenses/any()', range(0, 9), false],
    [
      'not assignedLicenses/any() and department ne "Sales"',
      [11, 12, 13, 14, 16, 17, 18, 19],
      true,
    ],
    ['department eq "O\'Brien & Co"', [3], false],
    ['companyName eq "Contoso Ltd"', [4], true],
    ['department eq "x\' or accountEnabled eq true or department eq \'y"', [], false],
    ['department eq "Sales&$filter=accountEnabled eq true"', [], false],
  ])('%s selects exactly the intended users', async (typed, expected, advanced) => {
    const result = await select(typed);
    expect(result).toEqual({ ids: users(...expected), advanced });
  });

  it('sends ConsistencyLevel: eventual and $count=true when the filter needs them', async () => {
    const mark = g.exchanges.length;
    await select('extensionAttribute10 eq "E3 All"');
    const [first] = g.exchanges.slice(mark);
    expect(first?.url).toMatch(/[?&](\$|%24)count=true/);
    expect(first?.headers.consistencylevel).toBe('eventual');
  });

  it('is refused by Graph (400 Request_UnsupportedQuery) without them', async () => {
    const mark = g.exchanges.length;
    await expect(select('extensionAttribute10 eq "E3 All"', false)).rejects.toThrow();
    const [first] = g.exchanges.slice(mark);
    expect(first?.status).toBe(400);
    expect(first?.responseBody).toContain('Request_UnsupportedQuery');
  });
});
