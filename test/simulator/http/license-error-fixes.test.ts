import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph, type Item } from './client.ts';

/**
 * The demo tenant's "Contractors" group: members in error for each reason, and the admin action
 * that fixes each one, all over HTTP.
 */

const EXCHANGESTANDARD = '4b9405b0-7788-4568-add1-99614e613b69';
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

interface State {
  skuId: string;
  assignedByGroup: string | null;
  state: string;
  error: string;
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 42, size: 300, groupProcessingDelayMs: 5 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim, 'POST', '/reset');
});

async function contractorsId(): Promise<string> {
  const found = await graph(
    sim,
    `/groups?$filter=${encodeURIComponent("displayName eq 'Contractors'")}&$select=id`,
  );
  return found.body.value[0]!.id;
}

async function user(id: string): Promise<Item> {
  const response = await graph(
    sim,
    `/users/${id}?$select=id,usageLocation,proxyAddresses,assignedLicenses,licenseAssignmentStates`,
  );
  return response.body as unknown as Item;
}

const states = (u: Item) => u['licenseAssignmentStates'] as State[];

/** The Contractors state of a user: what group-based licensing recorded for the group's SKU. */
function groupState(u: Item, groupId: string): State | undefined {
  return states(u).find((s) => s.assignedByGroup === groupId && s.skuId === EXCHANGESTANDARD);
}

/** Members of the group in error, each with the reason its Contractors license records. */
async function inError(groupId: string): Promise<{ id: string; reason: string }[]> {
  const response = await graph(
    sim,
    `/groups/${groupId}/membersWithLicenseErrors?$select=id,licenseAssignmentStates&$top=999`,
  );
  return response.body.value.map((member) => ({
    id: member.id,
    reason: groupState(member, groupId)?.error ?? 'none',
  }));
}

async function reprocess(id: string): Promise<Item> {
  const response = await graph(sim, `/users/${id}/reprocessLicenseAssignment`, { method: 'POST' });
  expect(response.status).toBe(200);
  return user(id);
}

async function failingGroups(): Promise<string[]> {
  const response = await graph(
    sim,
    `/groups?$filter=${encodeURIComponent('hasMembersWithLicenseErrors eq true')}&$select=displayName,hasMembersWithLicenseErrors`,
  );
  expect(response.status).toBe(200);
  for (const group of response.body.value) {
    expect(group).not.toHaveProperty('hasMembersWithLicenseErrors');
  }
  return response.body.value.map((group) => group.displayName);
}

async function oneWith(groupId: string, reason: string): Promise<string> {
  const found = (await inError(groupId)).find((member) => member.reason === reason);
  expect(found, `a Contractors member in ${reason}`).toBeDefined();
  return found!.id;
}

describe('the demo "Contractors" group', () => {
  it('is the group listed by $filter=hasMembersWithLicenseErrors eq true, with every reason', async () => {
    expect(await failingGroups()).toEqual(['Contractors']);
    const reasons = new Set((await inError(await contractorsId())).map((m) => m.reason));
    expect(reasons).toEqual(
      new Set([
        'CountViolation',
        'MutuallyExclusiveViolation',
        'ProhibitedInUsageLocationViolation',
        'UniquenessViolation',
      ]),
    );
  });

  it('UniquenessViolation: an alias another mailbox holds; fixed in Exchange, then reprocessed', async () => {
    const group = await contractorsId();
    const id = await oneWith(group, 'UniquenessViolation');
    const before = await user(id);
    const addresses = before['proxyAddresses'] as string[];
    expect(addresses).toHaveLength(2);
    const [own, duplicate] = addresses;
    const owners = await graph(
      sim,
      `/users?$filter=${encodeURIComponent(`proxyAddresses/any(p:p eq '${duplicate!.replace(/^smtp:/, 'SMTP:')}')`)}&$select=id`,
    );
    // Graph compares addresses without case: the contractor and the mailbox owner both match.
    expect(owners.body.value.map((o) => o.id)).toContain(id);
    expect(owners.body.value).toHaveLength(2);
    // Graph holds proxy addresses read-only.
    const patched = await graph(sim, `/users/${id}`, {
      method: 'PATCH',
      body: { proxyAddresses: [own] },
    });
    expectGraphError(patched, 400, 'Request_BadRequest');
    expect(patched.body.error.message).toBe(
      "Property 'proxyAddresses' is read-only and cannot be set.",
    );
    expect(groupState(await reprocess(id), group)).toMatchObject({
      state: 'Error',
      error: 'UniquenessViolation',
    });
    const fixed = await control(sim, 'PUT', `/users/${id}/proxyAddresses`, {
      proxyAddresses: [own],
    });
    expect(fixed.status).toBe(200);
    const after = await reprocess(id);
    expect(groupState(after, group)).toMatchObject({ state: 'Active', error: 'None' });
    expect(after['assignedLicenses']).toEqual([{ skuId: EXCHANGESTANDARD, disabledPlans: [] }]);
  });

  it('ProhibitedInUsageLocationViolation: fixed by setting the usage location, then reprocessing', async () => {
    const group = await contractorsId();
    const id = await oneWith(group, 'ProhibitedInUsageLocationViolation');
    expect((await user(id))['usageLocation']).toBe('CN');
    const patched = await graph(sim, `/users/${id}`, {
      method: 'PATCH',
      body: { usageLocation: 'SG' },
    });
    expect(patched.status).toBe(204);
    expect(groupState(await reprocess(id), group)).toMatchObject({ state: 'Active' });
  });

  it('MutuallyExclusiveViolation: fixed by removing the conflicting direct license', async () => {
    const group = await contractorsId();
    const id = await oneWith(group, 'MutuallyExclusiveViolation');
    expect(states(await user(id))).toContainEqual(
      expect.objectContaining({ skuId: SPE_E3, assignedByGroup: null, state: 'Active' }),
    );
    const removed = await graph(sim, `/users/${id}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [], removeLicenses: [SPE_E3] },
    });
    expect(removed.status).toBe(200);
    expect(groupState(await reprocess(id), group)).toMatchObject({ state: 'Active' });
  });

  it('CountViolation: fixed by a free seat, and refused again while none is free', async () => {
    const group = await contractorsId();
    const id = await oneWith(group, 'CountViolation');
    const exchange = async () =>
      (await graph(sim, '/subscribedSkus')).body.value.find((s) => s.skuId === EXCHANGESTANDARD)!;
    const consumed = Number((await exchange())['consumedUnits']);
    await control(sim, 'PATCH', `/skus/${EXCHANGESTANDARD}`, {
      prepaidUnits: { enabled: consumed },
    });
    expect(groupState(await reprocess(id), group)).toMatchObject({ error: 'CountViolation' });
    await control(sim, 'PATCH', `/skus/${EXCHANGESTANDARD}`, {
      prepaidUnits: { enabled: consumed + 1 },
    });
    expect(groupState(await reprocess(id), group)).toMatchObject({ state: 'Active' });
    expect((await exchange())['consumedUnits']).toBe(consumed + 1);
  });

  it('leaves the hasMembersWithLicenseErrors list once every member is fixed and reprocessed', async () => {
    const group = await contractorsId();
    await control(sim, 'PATCH', `/skus/${EXCHANGESTANDARD}`, { prepaidUnits: { enabled: 500 } });
    for (const member of await inError(group)) {
      if (member.reason === 'MutuallyExclusiveViolation') {
        await graph(sim, `/users/${member.id}/assignLicense`, {
          method: 'POST',
          body: { addLicenses: [], removeLicenses: [SPE_E3] },
        });
      } else if (member.reason === 'ProhibitedInUsageLocationViolation') {
        await graph(sim, `/users/${member.id}`, { method: 'PATCH', body: { usageLocation: 'SG' } });
      } else if (member.reason === 'UniquenessViolation') {
        const own = ((await user(member.id))['proxyAddresses'] as string[])[0]!;
        await control(sim, 'PUT', `/users/${member.id}/proxyAddresses`, { proxyAddresses: [own] });
      }
      await reprocess(member.id);
    }
    expect(await inError(group)).toEqual([]);
    expect(await failingGroups()).toEqual([]);
  });
});

describe('ActiveWithError', () => {
  it('keeps the license assigned with the reason until the cause is cleared and the user reprocessed', async () => {
    const group = await contractorsId();
    const members = await graph(
      sim,
      `/groups/${group}/members?$select=id,licenseAssignmentStates&$top=999`,
    );
    const licensed = members.body.value.find((m) => groupState(m, group)?.state === 'Active')!;
    const marked = await control(
      sim,
      'PUT',
      `/users/${licensed.id}/provisioningErrors/${EXCHANGESTANDARD}`,
      { error: 'Other' },
    );
    expect(marked.status).toBe(200);
    const withError = await user(licensed.id);
    expect(groupState(withError, group)).toMatchObject({
      state: 'ActiveWithError',
      error: 'Other',
    });
    expect(withError['assignedLicenses']).toEqual([{ skuId: EXCHANGESTANDARD, disabledPlans: [] }]);
    expect((await inError(group)).map((m) => m.id)).toContain(licensed.id);
    // Reprocessing alone changes nothing while the cause stands.
    expect(groupState(await reprocess(licensed.id), group)?.state).toBe('ActiveWithError');
    const cleared = await control(
      sim,
      'DELETE',
      `/users/${licensed.id}/provisioningErrors/${EXCHANGESTANDARD}`,
    );
    expect(cleared.status).toBe(204);
    expect(groupState(await user(licensed.id), group)?.state).toBe('ActiveWithError');
    expect(groupState(await reprocess(licensed.id), group)).toMatchObject({
      state: 'Active',
      error: 'None',
    });
    expect((await inError(group)).map((m) => m.id)).not.toContain(licensed.id);
  });

  it('is refused for a license the user does not hold, and clearing twice is a 404', async () => {
    const group = await contractorsId();
    const id = await oneWith(group, 'CountViolation');
    const refused = await control(
      sim,
      'PUT',
      `/users/${id}/provisioningErrors/${EXCHANGESTANDARD}`,
      {},
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('holds no active license');
    const bad = await control(sim, 'PUT', `/users/${id}/provisioningErrors/${EXCHANGESTANDARD}`, {
      error: 'Broken',
    });
    expect(bad.status).toBe(400);
    expect((await control(sim, 'DELETE', `/users/${id}/provisioningErrors/${SPE_E3}`)).status).toBe(
      404,
    );
  });
});
