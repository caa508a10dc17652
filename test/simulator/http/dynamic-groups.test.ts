import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph } from './client.ts';
import { contractorsId, e3, smallTenantSeed, teamsPlan, userId } from './fixture.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';
const engineeringRule = '(user.department -eq "Engineering") -and (user.accountEnabled -eq true)';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    tenantSeed: smallTenantSeed(250),
    groupProcessingDelayMs: 5,
  });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim, 'POST', '/reset');
});

/** In the fixture every fifth user (i % 5 === 2) is in Engineering, and all of them are enabled. */
const engineers = Array.from({ length: 250 }, (_, i) => i)
  .filter((i) => i % 5 === 2)
  .map(userId);

function dynamicGroup(rule: string, extra: Record<string, unknown> = {}) {
  return graph(sim, '/groups', {
    method: 'POST',
    body: {
      displayName: 'All Engineering (dynamic)',
      mailEnabled: false,
      mailNickname: 'allengineering',
      securityEnabled: true,
      groupTypes: ['DynamicMembership'],
      membershipRule: rule,
      membershipRuleProcessingState: 'On',
      ...extra,
    },
  });
}

async function memberIds(groupId: string): Promise<string[]> {
  const response = await graph(sim, `/groups/${groupId}/members?$select=id&$top=999`);
  return response.body.value.map((member) => member.id);
}

async function settle(): Promise<void> {
  await control(sim, 'POST', '/settle');
}

async function licenseStates(id: string) {
  const response = await graph(sim, `/users/${id}?$select=licenseAssignmentStates`);
  return response.body['licenseAssignmentStates'] as {
    skuId: string;
    assignedByGroup: string | null;
    state: string;
    error: string;
  }[];
}

describe('POST /groups', () => {
  it('creates a dynamic security group (201) whose members are evaluated in the background', async () => {
    const created = await dynamicGroup(engineeringRule);
    expect(created.status).toBe(201);
    expect(created.body['@odata.context']).toBe(`${metadata}groups/$entity`);
    expect(created.body).toMatchObject({
      displayName: 'All Engineering (dynamic)',
      groupTypes: ['DynamicMembership'],
      membershipRule: engineeringRule,
      membershipRuleProcessingState: 'On',
      securityEnabled: true,
      mailEnabled: false,
    });
    expect(created.body).not.toHaveProperty('assignedLicenses');
    await settle();
    expect(await memberIds(created.body.id)).toEqual(engineers);
  });

  it('returns the dynamic properties with $select and finds dynamic groups by groupTypes', async () => {
    const created = await dynamicGroup(engineeringRule);
    const selected = await graph(
      sim,
      `/groups/${created.body.id}?$select=groupTypes,membershipRule,membershipRuleProcessingState`,
    );
    expect(selected.body).toEqual({
      '@odata.context': `${metadata}groups(groupTypes,membershipRule,membershipRuleProcessingState)/$entity`,
      groupTypes: ['DynamicMembership'],
      membershipRule: engineeringRule,
      membershipRuleProcessingState: 'On',
    });
    const dynamic = await graph(
      sim,
      `/groups?$filter=${encodeURIComponent("groupTypes/any(c:c eq 'DynamicMembership')")}&$select=id`,
    );
    expect(dynamic.body.value).toEqual([{ id: created.body.id }]);
    const on = await graph(
      sim,
      `/groups?$filter=${encodeURIComponent("membershipRuleProcessingState eq 'On'")}&$select=id`,
    );
    expect(on.body.value).toEqual([{ id: created.body.id }]);
    // An assigned group reads null for both, as on graph.microsoft.com.
    const assigned = await graph(sim, `/groups/${contractorsId}`);
    expect(assigned.body).toMatchObject({
      groupTypes: [],
      membershipRule: null,
      membershipRuleProcessingState: null,
    });
  });

  it('leaves a group created Paused empty until its processing is turned On', async () => {
    const created = await dynamicGroup(engineeringRule, {
      membershipRuleProcessingState: 'Paused',
    });
    expect(created.body['membershipRuleProcessingState']).toBe('Paused');
    await settle();
    expect(await memberIds(created.body.id)).toEqual([]);
    await graph(sim, `/groups/${created.body.id}`, {
      method: 'PATCH',
      body: { membershipRuleProcessingState: 'On' },
    });
    await settle();
    expect(await memberIds(created.body.id)).toEqual(engineers);
  });

  it('creates an assigned security group with no members', async () => {
    const created = await graph(sim, '/groups', {
      method: 'POST',
      body: {
        displayName: 'Project Falcon',
        mailEnabled: false,
        mailNickname: 'falcon',
        securityEnabled: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ groupTypes: [], membershipRule: null });
    expect(await memberIds(created.body.id)).toEqual([]);
  });

  it('binds members and owners of an assigned group at creation, never members of a dynamic one', async () => {
    const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`;
    const base = {
      displayName: 'Falcon',
      mailEnabled: false,
      mailNickname: 'falcon',
      securityEnabled: true,
    };
    const created = await graph(sim, '/groups', {
      method: 'POST',
      body: {
        ...base,
        'members@odata.bind': [
          ref(userId(3)),
          `https://graph.microsoft.com/v1.0/users/${userId(4)}`,
        ],
        'owners@odata.bind': [ref(userId(0))],
      },
    });
    expect(created.status).toBe(201);
    expect(await memberIds(created.body.id)).toEqual([userId(3), userId(4)]);
    const dynamic = await dynamicGroup(engineeringRule, { 'members@odata.bind': [ref(userId(3))] });
    expectGraphError(dynamic, 400, 'Request_BadRequest');
    expect(dynamic.body.error.message).toContain('dynamic');
    const unknown = await graph(sim, '/groups', {
      method: 'POST',
      body: { ...base, 'members@odata.bind': [ref('nobody')] },
    });
    expectGraphError(unknown, 404, 'Request_ResourceNotFound');
    const malformed = await graph(sim, '/groups', {
      method: 'POST',
      body: { ...base, 'members@odata.bind': userId(3) },
    });
    expectGraphError(malformed, 400, 'Request_BadRequest');
    expect(malformed.body.error.message).toContain("'members@odata.bind'");
  });

  it("refuses a bad rule with Entra's validation error and where it goes wrong", async () => {
    const bad = await dynamicGroup(
      '(user.department -eq "Engineering") -and (user.shoeSize -eq 42)',
    );
    expectGraphError(bad, 400, 'Request_BadRequest');
    expect(bad.body.error.message).toBe(
      "Dynamic membership rule validation error: Wrong property applied. Property 'user.shoeSize' is not supported in a user rule. (at character 43)",
    );
    const syntax = await dynamicGroup('user.department -eq');
    expect(syntax.body.error.message).toBe(
      'Dynamic membership rule validation error: Expected a value but found the end of the rule. (at character 20)',
    );
    const long = await dynamicGroup(`user.city -eq "${'x'.repeat(3060)}"`);
    expect(long.body.error.message).toContain('the limit is 3072');
    expect((await graph(sim, '/groups?$select=id')).body.value).toHaveLength(4);
    const badReference = await graph(sim, `/groups/${contractorsId}/members/$ref`, {
      method: 'POST',
      body: { '@odata.id': userId(0) },
    });
    expectGraphError(badReference, 400, 'Request_BadRequest');
  });

  it('refuses what Graph refuses: no rule, a rule on an assigned group, mail-enabled security, missing names', async () => {
    const base = {
      displayName: 'G',
      mailEnabled: false,
      mailNickname: 'g',
      securityEnabled: true,
    };
    const cases: [Record<string, unknown>, string][] = [
      [
        { ...base, groupTypes: ['DynamicMembership'] },
        "A group whose groupTypes contain 'DynamicMembership' needs a 'membershipRule'.",
      ],
      [
        { ...base, membershipRule: engineeringRule },
        "Property 'membershipRule' can only be set on a group whose groupTypes contain 'DynamicMembership'.",
      ],
      [
        { ...base, mailEnabled: true },
        'Cannot create a mail-enabled security groups and or distribution list.',
      ],
      [
        { ...base, mailNickname: undefined },
        "Invalid value specified for property 'mailNickname' of resource 'Group'.",
      ],
      [
        { ...base, groupTypes: ['Dynamic'] },
        "Invalid value specified for property 'groupTypes' of resource 'Group'.",
      ],
      [
        {
          ...base,
          groupTypes: ['DynamicMembership'],
          membershipRule: engineeringRule,
          membershipRuleProcessingState: 'Off',
        },
        "Invalid value specified for property 'membershipRuleProcessingState' of resource 'Group'.",
      ],
      [
        { ...base, owner: 'me' },
        "Property 'owner' does not exist as a declared property or extension property.",
      ],
    ];
    for (const [body, message] of cases) {
      const refused = await graph(sim, '/groups', { method: 'POST', body });
      expectGraphError(refused, 400, 'Request_BadRequest');
      expect(refused.body.error.message).toBe(message);
    }
  });
});

describe('members of a dynamic group', () => {
  it('cannot be added or removed by hand (403), unlike an assigned group', async () => {
    const created = await dynamicGroup(engineeringRule);
    await settle();
    const reference = {
      '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId(0)}`,
    };
    const added = await graph(sim, `/groups/${created.body.id}/members/$ref`, {
      method: 'POST',
      body: reference,
    });
    expectGraphError(added, 403, 'Authorization_RequestDenied');
    expect(added.body.error.message).toBe('Insufficient privileges to complete the operation.');
    const removed = await graph(sim, `/groups/${created.body.id}/members/${engineers[0]}/$ref`, {
      method: 'DELETE',
    });
    expectGraphError(removed, 403, 'Authorization_RequestDenied');
    expect(
      (
        await graph(sim, `/groups/${contractorsId}/members/$ref`, {
          method: 'POST',
          body: reference,
        })
      ).status,
    ).toBe(204);
    expect(await memberIds(contractorsId)).toContain(userId(0));
    expect(
      (await graph(sim, `/groups/${contractorsId}/members/${userId(0)}/$ref`, { method: 'DELETE' }))
        .status,
    ).toBe(204);
    expect(await memberIds(contractorsId)).not.toContain(userId(0));
  });

  it('follow a changed rule, and the group licenses follow joiners and leavers', async () => {
    const created = await dynamicGroup(engineeringRule);
    const id = created.body.id;
    await settle();
    const assigned = await graph(sim, `/groups/${id}/assignLicense`, {
      method: 'POST',
      body: { addLicenses: [{ skuId: e3, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(assigned.status).toBe(202);
    await settle();
    // user 42 is an engineer without a direct license; user 41 is in Finance.
    expect(await licenseStates(userId(42))).toMatchObject([
      { skuId: e3, assignedByGroup: id, state: 'Active' },
    ]);
    expect(await licenseStates(userId(41))).toEqual([]);

    const patched = await graph(sim, `/groups/${id}`, {
      method: 'PATCH',
      body: { membershipRule: 'user.department -eq "Finance"' },
    });
    expect(patched.status).toBe(204);
    await settle();
    const members = await memberIds(id);
    expect(members).toContain(userId(41));
    expect(members).not.toContain(userId(42));
    expect(await licenseStates(userId(42))).toEqual([]);
    expect(await licenseStates(userId(41))).toMatchObject([
      { skuId: e3, assignedByGroup: id, state: 'Active' },
    ]);
    const processing = await graph(sim, `/groups/${id}?$select=licenseProcessingState`);
    expect(processing.body.licenseProcessingState).toEqual({ state: 'ProcessingComplete' });
  });

  it('follow changes to users (PATCH /users) in the background', async () => {
    const created = await dynamicGroup(engineeringRule);
    await settle();
    const moved = await graph(sim, `/users/${userId(43)}`, {
      method: 'PATCH',
      body: { department: 'Engineering' },
    });
    expect(moved.status).toBe(204);
    await settle();
    expect(await memberIds(created.body.id)).toContain(userId(43));
    await graph(sim, `/users/${userId(42)}`, { method: 'PATCH', body: { accountEnabled: false } });
    await settle();
    expect(await memberIds(created.body.id)).not.toContain(userId(42));
  });

  it('stay as they are while processing is Paused, and catch up when it is On again', async () => {
    const created = await dynamicGroup(engineeringRule);
    const id = created.body.id;
    await settle();
    await graph(sim, `/groups/${id}`, {
      method: 'PATCH',
      body: { membershipRuleProcessingState: 'Paused' },
    });
    await graph(sim, `/users/${userId(43)}`, {
      method: 'PATCH',
      body: { department: 'Engineering' },
    });
    await settle();
    expect(await memberIds(id)).not.toContain(userId(43));
    const state = await graph(sim, `/groups/${id}?$select=membershipRuleProcessingState`);
    expect(state.body['membershipRuleProcessingState']).toBe('Paused');
    await graph(sim, `/groups/${id}`, {
      method: 'PATCH',
      body: { membershipRuleProcessingState: 'On' },
    });
    await settle();
    expect(await memberIds(id)).toContain(userId(43));
  });

  it('read licenses (-any over assignedPlans) and proxy addresses', async () => {
    const teams = await dynamicGroup(
      `user.assignedPlans -any (assignedPlan.servicePlanId -eq "${teamsPlan}" -and assignedPlan.capabilityStatus -eq "Enabled")`,
    );
    const fabrikam = await dynamicGroup('user.proxyAddresses -any (_ -contains "@fabrikam.com")');
    await control(sim, 'PUT', `/users/${userId(7)}/proxyAddresses`, {
      proxyAddresses: ['SMTP:person7@contoso.onmicrosoft.com', 'smtp:p7@fabrikam.com'],
    });
    await settle();
    // The fixture's first 40 users hold Microsoft 365 E3 (with Teams) directly.
    expect(await memberIds(teams.body.id)).toEqual(Array.from({ length: 40 }, (_, i) => userId(i)));
    expect(await memberIds(fabrikam.body.id)).toEqual([userId(7)]);
  });

  it('stay when a dynamic group is turned into an assigned one, which then takes members by hand', async () => {
    const created = await dynamicGroup(engineeringRule);
    const id = created.body.id;
    await settle();
    const patched = await graph(sim, `/groups/${id}`, {
      method: 'PATCH',
      body: { groupTypes: [] },
    });
    expect(patched.status).toBe(204);
    const group = await graph(sim, `/groups/${id}`);
    expect(group.body).toMatchObject({
      groupTypes: [],
      membershipRule: null,
      membershipRuleProcessingState: null,
    });
    expect(await memberIds(id)).toEqual(engineers);
    const added = await graph(sim, `/groups/${id}/members/$ref`, {
      method: 'POST',
      body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId(0)}` },
    });
    expect(added.status).toBe(204);
  });

  it('refuses a PATCH that breaks the rule or touches read-only properties', async () => {
    const created = await dynamicGroup(engineeringRule);
    const bad = await graph(sim, `/groups/${created.body.id}`, {
      method: 'PATCH',
      body: { membershipRule: 'user.department -startsWith' },
    });
    expectGraphError(bad, 400, 'Request_BadRequest');
    expect(bad.body.error.message).toContain('Dynamic membership rule validation error');
    const readOnly = await graph(sim, `/groups/${created.body.id}`, {
      method: 'PATCH',
      body: { assignedLicenses: [] },
    });
    expect(readOnly.body.error.message).toBe(
      "Property 'assignedLicenses' is read-only and cannot be set.",
    );
    const unknown = await graph(sim, '/groups/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      body: { displayName: 'x' },
    });
    expectGraphError(unknown, 404, 'Request_ResourceNotFound');
  });
});

describe('control: POST /_simulator/dynamic-rules/evaluate', () => {
  it('says who a rule would hold now, as the dynamic group will, or why the rule is refused', async () => {
    const preview = await control(sim, 'POST', '/dynamic-rules/evaluate', {
      membershipRule: engineeringRule,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ count: engineers.length, memberIds: engineers });
    const created = await dynamicGroup(engineeringRule);
    await settle();
    expect(await memberIds(created.body.id)).toEqual(preview.body['memberIds']);
    const bad = await control(sim, 'POST', '/dynamic-rules/evaluate', {
      membershipRule: 'user.department -eq',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Dynamic membership rule validation error: Expected a value but found the end of the rule. (at character 20)',
    );
    expect((await control(sim, 'POST', '/dynamic-rules/evaluate', {})).status).toBe(400);
  });
});
