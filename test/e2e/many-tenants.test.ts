import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FABRIKAM_TENANT_ID } from '../../src/simulator/index.ts';
import type { Speaker } from '../support/activities.ts';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { cardOf, executeValue, shownOn, textOf } from '../bot/support/replies.ts';
import { MEGAN, PATTI, startRequestStack } from '../bot/support/request-stack.ts';

// Fabrikam, the demo's second tenant (an MSP's customer): Fiona approves there.
const FIONA = 'f2b1c3d4-0001-4000-8000-000000000001';
const FELIX = 'f2b1c3d4-0001-4000-8000-000000000002';
const FREYA_UPN = 'freya.lind@fabrikam.example';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

let stack: TestStack;

const fabrikam = (aadObjectId: string): Speaker => ({ aadObjectId, tenantId: FABRIKAM_TENANT_ID });
const home = (aadObjectId: string): Speaker => ({ aadObjectId, tenantId: stack.tenantId });
const personal = (userId: string) => `a:personal-${userId}`;
const shown = (card: unknown) => shownOn(card).join('\n');
const operationIdOf = (card: Record<string, unknown>): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

function say(text: string, as: Speaker) {
  return stack.send(
    {
      type: 'message',
      text,
      conversation: {
        id: personal(as.aadObjectId),
        conversationType: 'personal',
        tenantId: as.tenantId ?? stack.tenantId,
        isGroup: false,
        name: '',
      },
    },
    as,
  );
}

function click(verb: string, data: Record<string, unknown>, as: Speaker) {
  return stack.send(
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: executeValue(verb, data),
      replyToId: 'card-1',
      conversation: {
        id: personal(as.aadObjectId),
        conversationType: 'personal',
        tenantId: as.tenantId ?? stack.tenantId,
        isGroup: false,
        name: '',
      },
    },
    as,
  );
}

function install(as: Speaker) {
  return stack.send(
    {
      type: 'installationUpdate',
      action: 'add',
      conversation: {
        id: personal(as.aadObjectId),
        conversationType: 'personal',
        tenantId: as.tenantId ?? stack.tenantId,
        isGroup: false,
        name: '',
      },
    },
    as,
  );
}

async function licensesIn(tenantPath: string, upn: string): Promise<string[] | undefined> {
  const res = await fetch(`${stack.simulator.url}/_simulator${tenantPath}/users/${upn}/licenses`);
  if (res.status === 404) {
    return undefined;
  }
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}
const fabrikamLicenses = (upn: string) => licensesIn(`/tenants/${FABRIKAM_TENANT_ID}`, upn);

/** Felix asks in Fabrikam; the operation id from his status card. */
async function felixAsks(text: string): Promise<string> {
  const sent = await say(text, fabrikam(FELIX));
  return operationIdOf(
    cardOf({ ...sent, replies: sent.replies.filter((c) => c.kind !== 'update') }),
  );
}

beforeAll(async () => {
  stack = await startRequestStack();
  await install(fabrikam(FIONA));
  await install(fabrikam(FELIX));
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('a customer tenant served beside the operator’s', () => {
  it("serves Fabrikam's people from their own Teams, with Fabrikam's licenses only", async () => {
    const theirs = await say('licenses', fabrikam(FELIX));
    const text = shown(cardOf(theirs));
    expect(text).toContain('Visio');
    const ours = await say('licenses', home(ALEX_WILBER));
    expect(shown(cardOf(ours))).not.toContain('Visio');
  });

  it("sends a Fabrikam request to Fabrikam's approver only, and writes only Fabrikam's directory", async () => {
    expect(await fabrikamLicenses(FREYA_UPN)).not.toContain(E5);
    const operationId = await felixAsks(
      `assign E5 to ${FREYA_UPN} because she leads the Visio roll-out`,
    );
    const posted = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(FIONA) &&
        call.kind !== 'update' &&
        JSON.stringify(call.activity).includes(operationId),
    );
    expect(posted).toHaveLength(1);
    await stack.settle();
    // Contoso's approvers never see it.
    const leaked = stack.replies.filter(
      (call) =>
        [personal(MEGAN), personal(PATTI)].includes(call.conversationId) &&
        JSON.stringify(call.activity).includes(operationId),
    );
    expect(leaked).toEqual([]);

    // Fabrikam's approver clicking Approve with a Contoso request's id finds nothing to approve.
    const ours = await say(
      'assign Power BI Pro to adelev@contoso.onmicrosoft.com because reports',
      home(ALEX_WILBER),
    );
    const contosoId = operationIdOf(
      cardOf({ ...ours, replies: ours.replies.filter((c) => c.kind !== 'update') }),
    );
    const forged = await click('request-approve', { operationId: contosoId }, fabrikam(FIONA));
    expect(JSON.stringify(forged.body)).not.toContain('Approved');
    // And a Contoso requester cannot cancel Fabrikam's.
    await click('request-cancel', { operationId }, home(ALEX_WILBER));
    await stack.settle();
    expect(await fabrikamLicenses(FREYA_UPN)).not.toContain(E5);

    const approved = await click('request-approve', { operationId }, fabrikam(FIONA));
    expect(approved.status).toBe(200);
    await stack.settle();
    expect(await fabrikamLicenses(FREYA_UPN)).toContain(E5);
    // No such user in Contoso: nothing was written there.
    expect(await licensesIn('', FREYA_UPN)).toBeUndefined();
  });

  it("keeps each tenant's history to itself", async () => {
    const theirs = await say('history', fabrikam(FIONA));
    expect(JSON.stringify(theirs.replies)).toContain(FREYA_UPN);
    const ours = await say('history', home(MEGAN));
    expect(JSON.stringify(ours.replies)).not.toContain('fabrikam.example');
  });

  it('refuses a tenant it does not serve', async () => {
    const stranger = await say('licenses', {
      aadObjectId: '11111111-2222-4333-8444-555555555555',
      tenantId: '99999999-8888-4777-8666-555555555555',
    });
    expect(textOf(stranger)).toContain('serves only the organisations registered with it');
  });
});

describe("the operator's approvers", () => {
  it('list the tenants; nobody else may', async () => {
    const listed = await say('tenants', home(MEGAN));
    expect(textOf(listed)).toContain('License Desk serves 2 tenants');
    expect(textOf(listed)).toContain('`fabrikam`');
    expect(textOf(await say('tenants', fabrikam(FIONA)))).toContain(
      "Only your own organisation's license approvers",
    );
    expect(textOf(await say('tenants', home(ADELE)))).toContain('Only license admins');
  });

  it('act in a customer tenant with `in fabrikam: …`, its approver approving', async () => {
    const looked = await say('in fabrikam: licenses', home(MEGAN));
    expect(shown(cardOf(looked))).toContain('Visio');
    const refused = await say('in fabrikam: licenses', home(ADELE));
    expect(textOf(refused)).toContain('license approvers act in');
    const unknown = await say('in northwind: licenses', home(MEGAN));
    expect(textOf(unknown)).toContain('No customer tenant is named "northwind"');

    const asked = await say(
      'in fabrikam: remove E5 from freya.lind@fabrikam.example because the roll-out ended',
      home(MEGAN),
    );
    const operationId = operationIdOf(
      cardOf({ ...asked, replies: asked.replies.filter((c) => c.kind !== 'update') }),
    );
    await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(FIONA) &&
        JSON.stringify(call.activity).includes(operationId),
    );
    await click('request-approve', { operationId }, fabrikam(FIONA));
    await stack.settle();
    expect(await fabrikamLicenses(FREYA_UPN)).not.toContain(E5);
  });

  it('cancel, from their own chat, a request they made in a customer tenant', async () => {
    const asked = await say(
      'in fabrikam: remove E5 from fiona.admin@fabrikam.example because she moves to E3',
      home(MEGAN),
    );
    const operationId = operationIdOf(
      cardOf({ ...asked, replies: asked.replies.filter((c) => c.kind !== 'update') }),
    );
    await stack.settle();
    const cancelled = await click('request-cancel', { operationId }, home(MEGAN));
    expect(JSON.stringify(cancelled.body)).toContain('Cancelled');
    await stack.settle();
    expect(await fabrikamLicenses('fiona.admin@fabrikam.example')).toContain(E5);
  });

  it('work in a customer tenant with `tenant use`, until `tenant use home`', async () => {
    expect(textOf(await say('tenant use fabrikam', home(MEGAN)))).toContain(
      'You are now working in **Fabrikam Ltd**',
    );
    expect(shown(cardOf(await say('licenses', home(MEGAN))))).toContain('Visio');
    // Patti, another of the operator's approvers, is still at home.
    expect(shown(cardOf(await say('licenses', home(PATTI))))).not.toContain('Visio');
    expect(textOf(await say('tenant use home', home(MEGAN)))).toContain('back in your own tenant');
    expect(shown(cardOf(await say('licenses', home(MEGAN))))).not.toContain('Visio');
    // Fiona approves Fabrikam's requests, but may not work in other tenants.
    expect(textOf(await say('tenant use home', fabrikam(FIONA)))).toContain(
      "Only your own organisation's license approvers",
    );
  });

  it('suspend a tenant: its people are turned away until it is resumed', async () => {
    expect(textOf(await say('tenant suspend fabrikam', home(MEGAN)))).toContain('Suspended');
    expect(textOf(await say('licenses', fabrikam(FELIX)))).toContain('suspended');
    expect(textOf(await say('tenant resume fabrikam', home(MEGAN)))).toContain('served again');
    expect(shown(cardOf(await say('licenses', fabrikam(FELIX))))).toContain('Visio');
  });

  it('onboard a tenant that has not consented: checked, it stays waiting with why', async () => {
    const added = await say(
      'tenant add northwind 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f approvers 2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182',
      home(MEGAN),
    );
    expect(textOf(added)).toContain('waiting for consent');
    const checked = await say('tenant check northwind', home(MEGAN));
    expect(textOf(checked)).toContain("could not read northwind's directory yet");
    const someone = await say('licenses', {
      aadObjectId: '11111111-2222-4333-8444-555555555555',
      tenantId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    });
    expect(textOf(someone)).toContain('has not consented yet');
  });
});
