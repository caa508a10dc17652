import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LicensingError } from '../../src/domain/errors.ts';
import { GraphDirectory } from '../../src/graph/graph-directory.ts';
import { startGraphFixture, type GraphFixture } from './support/graph-fixture.ts';

const ALEX = { id: '00000000-0000-0000-0000-0000000000020', upn: 'alexw@contoso.onmicrosoft.com' };
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

let g: GraphFixture;
beforeAll(async () => {
  g = await startGraphFixture();
});
afterAll(async () => {
  await g.close();
});

const since = () => g.exchanges.length;
const sentAfter = (mark: number) => g.exchanges.slice(mark);

async function take<T>(items: AsyncIterable<T>, count = Number.POSITIVE_INFINITY): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) {
    all.push(item);
    if (all.length >= count) {
      break;
    }
  }
  return all;
}

describe('GraphDirectory against the simulator', () => {
  it('reads the organization with only the fields it uses', async () => {
    const mark = since();
    const org = await g.directory.getOrganization();
    expect(org.tenantId).toBe(g.sim.tenant().organization().id);
    expect(org.countryLetterCode).toMatch(/^[A-Z]{2}$/);
    expect(sentAfter(mark).map((e) => e.url)).toEqual([
      '/v1.0/organization?$select=id%2CdisplayName%2CcountryLetterCode',
    ]);
  });

  it('lists the subscribed SKUs with seats used and bought', async () => {
    const skus = await g.directory.listSkus();
    const e3 = skus.find((sku) => sku.skuId === E3);
    const truth = g.sim
      .tenant()
      .subscribedSkus()
      .find((sku) => sku.skuId === E3);
    expect(e3?.skuPartNumber).toBe('SPE_E3');
    expect(e3?.consumedUnits).toBe(truth?.consumedUnits);
    expect(e3?.prepaidUnits.enabled).toBe(truth?.prepaidUnits.enabled);
    expect(e3?.servicePlans.length).toBeGreaterThan(0);
  });

  it('finds a user by UPN (case-insensitive) and by id, and says null for nobody', async () => {
    const mark = since();
    const byUpn = await g.directory.findUser(ALEX.upn.toUpperCase());
    const byId = await g.directory.findUser(ALEX.id);
    expect(byUpn?.id).toBe(ALEX.id);
    expect(byId?.userPrincipalName).toBe(ALEX.upn);
    expect(Array.isArray(byId?.licenseAssignmentStates)).toBe(true);
    expect(await g.directory.findUser('nobody@contoso.onmicrosoft.com')).toBeNull();
    const [first] = sentAfter(mark);
    expect(first?.url).toMatch(
      /^\/v1\.0\/users\/ALEXW@CONTOSO\.ONMICROSOFT\.COM\?\$select=id%2CuserPrincipalName%2CdisplayName%2C/,
    );
    expect(first?.headers.authorization).toBe('Bearer license-desk-tests');
  });

  it("in production takes only GUIDs for ids: the demo's ids are nobody, and Graph is not asked", async () => {
    const production = new GraphDirectory(g.client);
    const mark = since();
    expect(await production.findUser(ALEX.id)).toBeNull();
    expect(await production.findGroup('group-license-approvers')).toBeNull();
    expect(await production.findUser('not-an-id')).toBeNull();
    expect(sentAfter(mark)).toEqual([]);
    // A GUID and a user principal name are looked up as usual.
    expect(await production.findUser('6e2a4f0e-8a1c-4b1e-9c55-0f3c2a7b9d10')).toBeNull();
    expect((await production.findUser(ALEX.upn))?.id).toBe(ALEX.id);
    expect(sentAfter(mark)).toHaveLength(2);
  });

  it('searches users by the start of name, UPN or mail, with quotes escaped', async () => {
    const mark = since();
    const found = await g.directory.searchUsers('alex');
    expect(found.map((u) => u.id)).toContain(ALEX.id);
    expect(decodeURIComponent(sentAfter(mark)[0]!.url)).toContain(
      "$filter=startswith(displayName,'alex') or startswith(userPrincipalName,'alex') or startswith(mail,'alex')",
    );
    // A quote in the text stays inside the literal: no injection, no 400, just nobody.
    await expect(g.directory.searchUsers("x') or startswith(displayName,'A")).resolves.toEqual([]);
    expect(decodeURIComponent(g.exchanges.at(-1)!.url)).toContain(
      "startswith(displayName,'x'') or startswith(displayName,''A')",
    );
  });

  it('pages lazily: a limit or an early break stops asking for pages', async () => {
    let mark = since();
    const limited = await take(g.directory.listUsers(undefined, { pageSize: 5, limit: 12 }));
    expect(limited).toHaveLength(12);
    const pages = sentAfter(mark);
    expect(pages).toHaveLength(3);
    expect(pages[0]!.url).toContain('$top=5');
    expect(pages[1]!.url).toMatch(/^\/v1\.0\/users\?.*skiptoken/i);

    mark = since();
    const broke = await take(g.directory.listUsers(undefined, { pageSize: 4 }), 6);
    expect(broke).toHaveLength(6);
    expect(sentAfter(mark)).toHaveLength(2);
  });

  it('walks every page of a filter and matches the tenant', async () => {
    const users = await take(g.directory.listUsers("department eq 'Sales'", { pageSize: 7 }));
    const truth = g.sim
      .tenant()
      .users()
      .filter((u) => u.department === 'Sales');
    expect(truth.length).toBeGreaterThan(7);
    expect(users.map((u) => u.id)).toEqual(truth.map((u) => u.id));
  });

  it('sends advanced queries with ConsistencyLevel: eventual and $count=true', async () => {
    const mark = since();
    const unlicensed = await take(g.directory.listUsers('assignedLicenses/$count eq 0'));
    const truth = g.sim
      .tenant()
      .users()
      .filter((u) => !u.licenseAssignmentStates.some((s) => s.state !== 'Error'));
    expect(unlicensed.length).toBeGreaterThan(0);
    expect(unlicensed.every((u) => (u.assignedLicenses ?? []).length === 0)).toBe(true);
    expect(unlicensed.length).toBeLessThanOrEqual(truth.length);
    const first = sentAfter(mark)[0]!;
    expect(first.headers.consistencylevel).toBe('eventual');
    expect(first.url).toContain('$count=true');
  });

  it('refuses an unsupported filter with a LicensingError, never a silent match-all', async () => {
    await expect(take(g.directory.listUsers("nosuchproperty eq 'x'"))).rejects.toBeInstanceOf(
      LicensingError,
    );
  });

  it('reads license details and license states of a user', async () => {
    const details = await g.directory.getUserLicenseDetails(ALEX.id);
    const states = await g.directory.getUserLicenseStates(ALEX.id);
    const truth = g.sim.tenant().findUser(ALEX.id)!;
    expect(states.map((s) => s.skuId).sort()).toEqual(
      truth.licenseAssignmentStates.map((s) => s.skuId).sort(),
    );
    expect(details.every((d) => d.skuPartNumber.length > 0)).toBe(true);
    await expect(g.directory.getUserLicenseStates('no-such-user')).rejects.toMatchObject({
      code: 'USER_NOT_FOUND',
    });
  });

  it('finds groups by exact name first, then by prefix, with their license processing state', async () => {
    const groups = await g.directory.searchGroups('Sales');
    expect(groups[0]?.displayName).toBe('Sales');
    expect(groups.some((group) => group.displayName === 'Sales EMEA')).toBe(true);
    const allEmployees = (await g.directory.searchGroups('All Employees'))[0]!;
    const group = await g.directory.findGroup(allEmployees.id);
    const truth = g.sim.tenant().findGroup(allEmployees.id)!;
    expect(group?.assignedLicenses).toEqual(truth.assignedLicenses);
    expect(group?.assignedLicenses?.length).toBeGreaterThan(0);
    expect(group?.licenseProcessingState).toBe('ProcessingComplete');
    expect(await g.directory.findGroup('no-such-group')).toBeNull();
  });

  it('names many groups at once (more than one in-filter holds), leaving out ids it cannot find', async () => {
    const all = g.sim.tenant().groups();
    expect(all.length).toBeGreaterThan(1);
    // Unknown ids first, so real groups fall on both sides of Graph's 15-value limit.
    const unknown = Array.from({ length: 14 }, (_, n) => `no-such-group-${n}`);
    const ids = [...unknown, ...all.map((group) => group.id), all[0]!.id];
    const names = await g.directory.findGroupNames(ids);
    expect(names.size).toBe(all.length);
    for (const group of all) {
      expect(names.get(group.id)).toBe(group.displayName);
    }
    expect(names.has('no-such-group-0')).toBe(false);
    expect((await g.directory.findGroupNames([])).size).toBe(0);
  });

  it('names a single group with one read by id, and leaves out one it cannot find', async () => {
    const group = g.sim.tenant().groups()[0]!;
    const mark = since();
    const names = await g.directory.findGroupNames([group.id, group.id]);
    expect([...names]).toEqual([[group.id, group.displayName]]);
    expect(sentAfter(mark).map((exchange) => decodeURIComponent(exchange.url))).toEqual([
      `/v1.0/groups/${group.id}?$select=id,displayName`,
    ]);
    const gone = '00000000-0000-0000-0000-0000000009999';
    expect((await g.directory.findGroupNames([gone])).size).toBe(0);
    expect((await g.directory.findGroupNames(['not-an-object-id'])).size).toBe(0);
  });

  it('lists group members (direct or transitive) and counts them', async () => {
    const sales = (await g.directory.searchGroups('Sales'))[0]!;
    const direct = await take(g.directory.listGroupMembers(sales.id, { pageSize: 10 }));
    const transitive = await take(g.directory.listGroupMembers(sales.id, { transitive: true }));
    expect(transitive.length).toBeGreaterThan(direct.length);
    const count = await g.directory.countGroupMembers(sales.id);
    expect(count).toBe(direct.length);
    expect(await g.directory.countGroupMembers(sales.id, { transitive: true })).toBe(
      transitive.length,
    );
    const groupIds = await g.directory.listTransitiveGroupIds(
      transitive.find((u) => !direct.some((d) => d.id === u.id))!.id,
    );
    expect(groupIds).toContain(sales.id);
  });

  it('lists the groups with members in license error, and those members', async () => {
    const failing = await g.directory.listGroupsWithLicenseErrors();
    const contractors = failing.find((group) => group.displayName === 'Contractors');
    expect(contractors).toBeDefined();
    const members = await take(g.directory.listMembersWithLicenseErrors(contractors!.id));
    const truth = g.sim.tenant().membersWithLicenseErrors(contractors!.id);
    expect(truth.ok && members.map((m) => m.id).sort()).toEqual(
      truth.ok && truth.value.map((u) => u.id).sort(),
    );
    expect(members.length).toBeGreaterThan(0);
  });
});
