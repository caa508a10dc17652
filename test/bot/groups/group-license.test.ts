import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKUS } from '../../../src/simulator/seed/demo-skus.ts';
import { seededTenant } from '../support/seeded-tenant.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import {
  buttonsOf,
  cardOf,
  executeValue,
  invokedCard,
  shownOn,
  textOf,
} from '../support/replies.ts';
import { approvalCardsPosted, MEGAN, PATTI, startRequestStack } from '../support/request-stack.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';

const tenant = seededTenant;
const groupNamed = (name: string) => tenant.groups.find((group) => group.displayName === name)!;
const usersById = new Map(tenant.users.map((user) => [user.id, user]));

let stack: TestStack;
const shown = (card: unknown) => shownOn(card).join('\n');

/** Every Action.Execute on a card, nested action sets included. */
function executesOn(
  node: unknown,
): { title: string; verb: string; data: Record<string, unknown> }[] {
  if (Array.isArray(node)) {
    return node.flatMap(executesOn);
  }
  if (node === null || typeof node !== 'object') {
    return [];
  }
  const entry = node as Record<string, unknown>;
  const own =
    entry.type === 'Action.Execute'
      ? [
          {
            title: String(entry.title),
            verb: String(entry.verb),
            data: (entry.data ?? {}) as Record<string, unknown>,
          },
        ]
      : [];
  return [...own, ...Object.values(entry).flatMap(executesOn)];
}

interface SimUserLicenses {
  licenseAssignmentStates: {
    skuId: string;
    assignedByGroup: string | null;
    state: string;
    disabledPlans: string[];
  }[];
}

async function statesOf(userId: string): Promise<SimUserLicenses['licenseAssignmentStates']> {
  const res = await fetch(
    `${stack.simulator.url}/v1.0/users/${userId}?$select=licenseAssignmentStates`,
    {
      headers: { authorization: 'Bearer test' },
    },
  );
  return ((await res.json()) as SimUserLicenses).licenseAssignmentStates;
}

async function groupLicenses(
  groupId: string,
): Promise<{ skuId: string; disabledPlans: string[] }[]> {
  const res = await fetch(
    `${stack.simulator.url}/v1.0/groups/${groupId}?$select=assignedLicenses`,
    {
      headers: { authorization: 'Bearer test' },
    },
  );
  return ((await res.json()) as { assignedLicenses: { skuId: string; disabledPlans: string[] }[] })
    .assignedLicenses;
}

/** The operation once it has ended (Entra's processing included). */
async function ended(operationId: string): Promise<StoredOperation> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const found = await stack.desk.store.operations.get(stack.tenantId, operationId);
    if (found && ['succeeded', 'partiallyFailed', 'failed'].includes(found.value.state)) {
      return found.value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`operation ${operationId} did not end`);
}

async function pendingGroupRequests(): Promise<StoredOperation[]> {
  const page = await stack.desk.store.operations.listByState(stack.tenantId, 'pending');
  return page.items.filter((operation) => operation.group !== undefined);
}

beforeAll(async () => {
  stack = await startRequestStack({ env: { SIMULATOR_SEED: '1' } });
  await fetch(`${stack.simulator.url}/_simulator/skus/${SKUS.POWER_BI_PRO}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepaidUnits: { enabled: 1000 } }),
  });
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('group licenses from chat', () => {
  it('adds a license to a group through another approver; Entra processes the members and the card follows', async () => {
    const emea = groupNamed('Sales EMEA');
    const members = emea.memberIds.filter((id) => usersById.has(id));
    const withoutIt = members.filter(
      (id) =>
        !usersById.get(id)!.licenseAssignmentStates.some((s) => s.skuId === SKUS.POWER_BI_PRO),
    );
    // One member already holds it directly: the group will cover them, and the card offers to
    // remove the direct license.
    const directly = withoutIt[0]!;
    const assigned = await fetch(`${stack.simulator.url}/v1.0/users/${directly}/assignLicense`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({
        addLicenses: [{ skuId: SKUS.POWER_BI_PRO, disabledPlans: [] }],
        removeLicenses: [],
      }),
    });
    expect(assigned.status).toBe(200);
    const asked = await stack.personalMessage(
      'license group "Sales EMEA" with Power BI Pro because EMEA reporting moves to Power BI',
      ALEX_WILBER,
    );
    expect(textOf(asked)).toContain('needs an approver other than you');
    const [operation] = await pendingGroupRequests();
    expect(operation).toBeDefined();
    expect(operation!.group).toMatchObject({ id: emea.id, displayName: 'Sales EMEA' });
    expect(operation!.userCount).toBe(members.length);
    // Nothing reached Graph before the approval.
    expect(await groupLicenses(emea.id)).toEqual([]);

    await stack.waitForCalls(() => approvalCardsPosted(stack, operation!.id).length > 0);
    const approval = (
      approvalCardsPosted(stack, operation!.id)[0]!.activity.attachments as {
        content: Record<string, unknown>;
      }[]
    )[0]!.content;
    expect(shown(approval)).toContain(
      `Every member of the group "Sales EMEA" (${members.length} now)`,
    );
    const [, before, after] = /Power BI Pro: (\d+) → (\d+)/.exec(shown(approval))!;
    expect(Number(after) - Number(before)).toBe(withoutIt.length - 1);
    const heldDirectly = members.filter((id) =>
      usersById
        .get(id)!
        .licenseAssignmentStates.some(
          (s) => s.skuId === SKUS.POWER_BI_PRO && s.assignedByGroup === null,
        ),
    ).length;
    expect(shown(approval)).toContain(`${heldDirectly + 1} member(s) also hold it directly`);
    expect(shown(approval)).toContain('an approver other than the requester decides');

    const approved = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId: operation!.id }),
      MEGAN,
    );
    expect(shown(invokedCard(approved))).toMatch(
      /Approved|Sent to Microsoft 365|Sending the change/,
    );
    const done = await ended(operation!.id);
    expect(done.state).toBe('succeeded');
    expect(done.outcome?.counts.done).toBe(members.length);
    // The card followed Entra's processing while it ran, in place.
    const redrawn = stack.connector.calls.filter(
      (call) =>
        call.method === 'PUT' &&
        JSON.stringify(call.activity).includes('Sent to Microsoft 365. Processing'),
    );
    expect(redrawn.length).toBeGreaterThan(0);
    // Members who held it directly are offered the removal of their direct license.
    const direct = members.filter(
      (id) =>
        id === directly ||
        usersById
          .get(id)!
          .licenseAssignmentStates.some(
            (s) => s.skuId === SKUS.POWER_BI_PRO && s.assignedByGroup === null,
          ),
    );
    expect(done.outcome?.directAlso?.[0]?.count).toBe(direct.length);
    expect(done.outcome?.directAlso?.[0]?.addresses).toContain(
      usersById.get(directly)!.userPrincipalName,
    );
    // The finished card (redrawn in place) offers to remove those direct licenses.
    await stack.waitForCalls(
      (call) =>
        call.method === 'PUT' &&
        JSON.stringify(call.activity).includes(operation!.id) &&
        JSON.stringify(call.activity).includes('Remove the direct POWER_BI_PRO of'),
    );

    expect(await groupLicenses(emea.id)).toEqual([{ skuId: SKUS.POWER_BI_PRO, disabledPlans: [] }]);
    for (const id of members) {
      const states = await statesOf(id);
      expect(
        states.some(
          (s) =>
            s.skuId === SKUS.POWER_BI_PRO && s.assignedByGroup === emea.id && s.state === 'Active',
        ),
        id,
      ).toBe(true);
    }
    const history = await stack.desk.store.history.query(stack.tenantId, {
      operationId: operation!.id,
    });
    expect(history.items).toHaveLength(1);
    const historyCard = cardOf(await stack.personalMessage('history', MEGAN));
    expect(shown(historyCard)).toContain('the group "Sales EMEA": Power BI Pro');
    expect(history.items[0]).toMatchObject({
      change: 'added',
      skuId: SKUS.POWER_BI_PRO,
      group: { id: emea.id, displayName: 'Sales EMEA' },
      requester: { userId: ALEX_WILBER },
      approver: { userId: MEGAN },
      result: 'succeeded',
    });
  });

  it('changes the plans a group hands out once another approver (never the requester) approves', async () => {
    await stack.personalMessage(
      'license group "Sales EMEA" with Power BI Pro without BI_AZURE_P2 because no reports for now',
      MEGAN,
    );
    const [operation] = await pendingGroupRequests();
    expect(operation?.kind).toBe('modify');
    const self = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId: operation!.id }),
      MEGAN,
    );
    expect(JSON.stringify(self.body)).toContain('another approver has to decide');
    expect(operation!.impact?.seats ?? []).toEqual([]);
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId: operation!.id }),
      PATTI,
    );
    const done = await ended(operation!.id);
    expect(done.state).toBe('succeeded');
    const emea = groupNamed('Sales EMEA');
    const planId = '70d33638-9c74-4d01-bfd3-562de28bd4ba';
    expect(await groupLicenses(emea.id)).toEqual([
      { skuId: SKUS.POWER_BI_PRO, disabledPlans: [planId] },
    ]);
    const member = emea.memberIds.find((id) => usersById.has(id))!;
    const fromGroup = (await statesOf(member)).find((s) => s.assignedByGroup === emea.id);
    expect(fromGroup?.disabledPlans).toEqual([planId]);
  });

  it('refuses groups Entra cannot license, and a plan without its dependency, before Graph is called', async () => {
    const marketing = await stack.personalMessage(
      'license group "Marketing Team" with Power BI Pro',
      ALEX_WILBER,
    );
    expect(textOf(marketing)).toContain('"Marketing Team" is not a security group');
    const dependency = await stack.personalMessage(
      'license group "Sales EMEA" with Office 365 E3 without SHAREPOINTENTERPRISE',
      ALEX_WILBER,
    );
    expect(textOf(dependency)).toMatch(/needs .* turned on in the same group/);
    expect(textOf(dependency)).toContain('Office for the Web');
    const unknown = await stack.personalMessage(
      'license group Nobody At All with Power BI Pro',
      ALEX_WILBER,
    );
    expect(textOf(unknown)).toContain('I found no group named "Nobody At All"');
    const malformed = await stack.personalMessage(
      'license group "Sales EMEA" Power BI Pro',
      ALEX_WILBER,
    );
    expect(textOf(malformed)).toContain('For example: `license group');
    expect(await pendingGroupRequests()).toHaveLength(0);
  });

  it('removes a license from a group: the preview says who loses it, and Entra takes it from them', async () => {
    const contractors = groupNamed('Contractors');
    const card = await stack.personalMessage('group license Contractors', PATTI);
    const licenseCard = cardOf(card);
    expect(shown(licenseCard)).toContain('Exchange Online (Plan 1)');
    const remove = executesOn(licenseCard).find((button) => button.title === 'Remove license');
    expect(remove).toBeDefined();
    const form = invokedCard(
      await stack.invoke(
        'adaptiveCard/action',
        executeValue('group-license-form', remove!.data),
        PATTI,
      ),
    );
    const ask = buttonsOf(form).find((button) => button.title.startsWith('Preview and ask'))!;
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('group-license-ask', { ...ask.data, reason: 'contractors use their own mail' }),
      PATTI,
    );
    const [operation] = await pendingGroupRequests();
    expect(operation?.kind).toBe('remove');
    expect(operation!.impact?.warnings?.join('\n')).toMatch(
      /member\(s\) lose Exchange Online \(Plan 1\)/,
    );
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId: operation!.id }),
      MEGAN,
    );
    const done = await ended(operation!.id);
    expect(['succeeded', 'partiallyFailed']).toContain(done.state);
    expect(await groupLicenses(contractors.id)).toEqual([]);
    const member = contractors.memberIds.find((id) => usersById.has(id))!;
    expect((await statesOf(member)).some((s) => s.assignedByGroup === contractors.id)).toBe(false);
  });

  it('creates a dynamic group from a rule preview once another approver approves, and licenses it', async () => {
    const engineers = tenant.users.filter(
      (user) => user.department === 'Engineering' && user.accountEnabled,
    );
    const preview = cardOf(
      await stack.personalMessage(
        'preview rule (user.department -eq "Engineering") -and (user.accountEnabled -eq true) with Power BI Pro',
        MEGAN,
      ),
    );
    const create = executesOn(preview).find((button) => button.verb === 'rule-group-create')!;
    // A requester cannot ask for it; an approver can, naming the group.
    const refused = await stack.invoke(
      'adaptiveCard/action',
      executeValue('rule-group-create', { ...create.data, name: 'Engineers with Power BI' }),
      ALEX_WILBER,
    );
    expect(JSON.stringify(refused.body)).toContain('Only license admins can do that');
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('rule-group-create', { ...create.data, name: 'Engineers with Power BI' }),
      MEGAN,
    );
    const [operation] = await pendingGroupRequests();
    expect(operation?.group?.create?.membershipRule).toBe(
      'user.department -eq "Engineering" -and user.accountEnabled -eq true',
    );
    expect(operation?.userCount).toBe(engineers.length);
    expect(operation?.summary).toContain('Create the dynamic group "Engineers with Power BI"');
    // The group does not exist before the approval.
    const search = async () =>
      (
        (await (
          await fetch(
            `${stack.simulator.url}/v1.0/groups?$filter=displayName eq 'Engineers with Power BI'&$select=id,groupTypes,membershipRule,assignedLicenses`,
            { headers: { authorization: 'Bearer test' } },
          )
        ).json()) as {
          value: {
            id: string;
            groupTypes: string[];
            membershipRule: string;
            assignedLicenses: { skuId: string }[];
          }[];
        }
      ).value;
    expect(await search()).toEqual([]);
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId: operation!.id }),
      PATTI,
    );
    const done = await ended(operation!.id);
    expect(done.state).toBe('succeeded');
    const [created] = await search();
    expect(created).toMatchObject({
      groupTypes: ['DynamicMembership'],
      membershipRule: 'user.department -eq "Engineering" -and user.accountEnabled -eq true',
      assignedLicenses: [{ skuId: SKUS.POWER_BI_PRO }],
    });
    const history = await stack.desk.store.history.query(stack.tenantId, {
      operationId: operation!.id,
    });
    expect(history.items[0]).toMatchObject({
      group: { id: created!.id, displayName: 'Engineers with Power BI' },
      message: expect.stringContaining('Created the dynamic group') as string,
    });
    // Entra evaluates the rule and licenses the members as they join.
    await fetch(`${stack.simulator.url}/_simulator/settle`, { method: 'POST' });
    const states = await statesOf(engineers[0]!.id);
    expect(
      states.some((s) => s.skuId === SKUS.POWER_BI_PRO && s.assignedByGroup === created!.id),
    ).toBe(true);
  });
});
