import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimGroup, SimUser } from '../../src/simulator/tenant/types.ts';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';
import {
  buttonsOf,
  cardOf,
  executeValue,
  invokedCard,
  shownOn,
  textOf,
} from './support/replies.ts';

let stack: TestStack;
let approver: SimUser;
let requester: SimUser;

const tenant = () => stack.simulator.tenant();
const shown = (card: Record<string, unknown>) => shownOn(card).join('\n');

beforeAll(async () => {
  // These tests change seat counts behind the bot's back: every card reads them anew.
  stack = await startTestStack({ readCacheTimes: { skusMs: 0 } });
  const approvers = tenant()
    .groups()
    .find((g) => g.displayName === 'License Approvers')!;
  const members = tenant().groupMembers(approvers.id, true);
  const approverIds = new Set(
    members.ok ? members.value.flatMap((m) => (m.kind === 'user' ? [m.user.id] : [])) : [],
  );
  approver = tenant()
    .users()
    .find((u) => approverIds.has(u.id))!;
  requester =
    tenant()
      .users()
      .find((u) => u.id === ALEX_WILBER && !approverIds.has(u.id)) ??
    tenant()
      .users()
      .find((u) => !approverIds.has(u.id) && u.accountEnabled)!;
});

afterAll(async () => {
  await stack?.close();
});

describe('help', () => {
  it('lists the commands with examples for a requester', async () => {
    const card = cardOf(await stack.personalMessage('help', requester.id));
    const text = shown(card);
    for (const command of ['licenses', 'user', 'group', 'help']) {
      expect(text).toContain(`**${command}**`);
    }
    expect(text).toContain('Example: user Adele Vance');
    expect(text).not.toContain('For license admins');
  });

  it('gives examples that work as typed in the demo tenant', async () => {
    const examples = shownOn(cardOf(await stack.personalMessage('help', requester.id)))
      .filter((line) => line.startsWith('Example: '))
      .map((line) => line.slice('Example: '.length));
    expect(examples).toHaveLength(18);
    for (const example of examples) {
      const turn = await stack.personalMessage(example, requester.id);
      // A change may rightly answer "nothing to do" in words; it must never be misunderstood.
      expect(textOf(turn), example).not.toMatch(/didn't get that|Write it like this|Type `help`/);
      expect(turn.replies.length, example).toBeGreaterThan(0);
    }
  });

  it('tells the turn log which command ran and how it ended, never the text', async () => {
    const turn = await stack.personalMessage('user Adele Vance', requester.id);
    const line = stack.logs.find(
      (l) => l.message === 'turn' && l.fields.activityId === turn.activity.id,
    );
    expect(line?.fields).toMatchObject({
      command: 'user',
      outcome: 'answered',
      userId: requester.id,
    });
    expect(JSON.stringify(line)).not.toContain('Adele');
  });

  it('adds the admin part for an approver', async () => {
    const card = cardOf(await stack.personalMessage('Help!', approver.id));
    expect(shown(card)).toContain('For license admins');
    expect(shown(card)).toContain('You are a license admin');
  });
});

describe('licenses', () => {
  it('shows every subscription with the simulator’s own figures and prices', async () => {
    const card = cardOf(await stack.personalMessage('show licences', requester.id));
    const text = shown(card);
    const skus = tenant().subscribedSkus();
    expect(text).toContain(`${skus.length} subscriptions`);
    const prices = tenant().monthlyPrices();
    // The first page lists up to 15: each one's used/total and availability are the tenant's.
    const listed = skus.filter(
      (sku) => text.includes(`(${sku.skuPartNumber})`) || text.includes(`\n${sku.skuPartNumber}\n`),
    );
    expect(listed.length).toBe(Math.min(15, skus.length));
    for (const sku of listed) {
      expect(text).toContain(`${sku.consumedUnits} of ${sku.prepaidUnits.enabled} used`);
      expect(text).toContain(`${sku.prepaidUnits.enabled - sku.consumedUnits} available`);
      const price = prices[sku.skuId];
      if (price?.currency === 'USD') {
        expect(text).toContain(`$${price.amount.toFixed(2)} per user/month`);
      }
    }
  });

  it('warns when a subscription is nearly out, and lists it first', async () => {
    const sku = tenant()
      .subscribedSkus()
      .find((s) => s.consumedUnits > 10)!;
    const restored = sku.prepaidUnits.enabled;
    expect(tenant().setPrepaidUnits(sku.skuId, sku.consumedUnits + 2).ok).toBe(true);
    try {
      const card = cardOf(await stack.personalMessage('licenses', requester.id));
      expect(shown(card)).toContain('Nearly out: only 2 seats left.');
      // Subscriptions that need attention come before the others.
      const blocks = (card.body as unknown[])
        .slice(2, -1)
        .map((block) => shown(block as Record<string, unknown>));
      const own = blocks.find(
        (block) =>
          block.includes(`(${sku.skuPartNumber})`) || block.includes(`\n${sku.skuPartNumber}\n`),
      );
      expect(own).toContain('Nearly out: only 2 seats left.');
      const warned = blocks.map((block) => block.includes('⚠'));
      expect(warned.indexOf(false) === -1 || warned.lastIndexOf(true) < warned.indexOf(false)).toBe(
        true,
      );
    } finally {
      tenant().setPrepaidUnits(sku.skuId, restored);
    }
  });
});

function userWithGroupError(): { user: SimUser; group: SimGroup } {
  for (const user of tenant().users()) {
    const state = user.licenseAssignmentStates.find((s) => s.assignedByGroup && s.error !== 'None');
    if (state) {
      return { user, group: tenant().findGroup(state.assignedByGroup!)! };
    }
  }
  throw new Error('the demo tenant has nobody with a group license error');
}

describe('user', () => {
  it("shows a user's licenses, sources by group name and errors in plain words", async () => {
    const { user, group } = userWithGroupError();
    const card = cardOf(
      await stack.personalMessage(`user ${user.userPrincipalName}`, requester.id),
    );
    const text = shown(card);
    expect(text).toContain(user.displayName);
    expect(text).toContain(`From group "${group.displayName}"`);
    expect(text).toMatch(/⚠ /);
    expect(text).toContain(user.usageLocation ?? 'not set');
  });

  it('says which licenses come directly', async () => {
    const user = tenant()
      .users()
      .find((u) => u.licenseAssignmentStates.some((s) => s.assignedByGroup === null))!;
    const card = cardOf(
      await stack.personalMessage(`USER ${user.userPrincipalName.toUpperCase()}`, requester.id),
    );
    expect(shown(card)).toContain('Assigned directly');
  });

  it('offers a choice when a name matches several people, and a pick shows the one chosen', async () => {
    const first = tenant().users()[0]!.displayName.slice(0, 1);
    const card = cardOf(await stack.personalMessage(`user ${first}`, requester.id));
    expect(shown(card)).toContain(`Several users match "${first}"`);
    const picks = (
      card.body as { selectAction?: { verb: string; data: Record<string, unknown> } }[]
    ).flatMap((b) => (b.selectAction ? [b.selectAction] : []));
    expect(picks.length).toBeGreaterThan(1);
    const chosen = tenant().findUser(String(picks[0]!.data.id))!;
    // A pick is an Action.Execute: the user's card replaces the choice card in place.
    const picked = await stack.invoke(
      'adaptiveCard/action',
      executeValue(picks[0]!.verb, picks[0]!.data),
      requester.id,
    );
    expect(shown(invokedCard(picked))).toContain(chosen.userPrincipalName);
  });

  it('says so when nobody matches, and how to search', async () => {
    const turn = await stack.personalMessage('user nobody.here@nowhere.example', requester.id);
    expect(textOf(turn)).toContain('I found nobody matching "nobody.here@nowhere.example"');
    expect(textOf(turn)).toContain('start of their display name');
  });

  it('asks whom to look up when the name is missing', async () => {
    expect(textOf(await stack.personalMessage('user', requester.id))).toContain(
      'Tell me whom to look up',
    );
  });
});

describe('group', () => {
  it('shows licenses, processing, member count and members in error with reasons', async () => {
    const { group } = userWithGroupError();
    const inError = tenant().membersWithLicenseErrors(group.id);
    const members = tenant().groupMembers(group.id, false);
    const card = cardOf(await stack.personalMessage(`group ${group.displayName}`, requester.id));
    const text = shown(card);
    expect(text).toContain(group.displayName);
    expect(members.ok).toBe(true);
    expect(text).toContain(`Members\n${members.ok ? members.value.length : -1}`);
    expect(inError.ok && inError.value.length).toBeGreaterThan(0);
    const firstPage = inError.ok ? inError.value.slice(0, 20) : [];
    for (const member of firstPage) {
      expect(text).toContain(member.userPrincipalName);
    }
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('says so for an unknown group', async () => {
    const turn = await stack.personalMessage('group Zzyzx Nonexistent', requester.id);
    expect(textOf(turn)).toContain('I found no group named "Zzyzx Nonexistent"');
  });
});

describe('cards stay under 28 KB', () => {
  it('for the user with the most licenses and the group with the most members in error', async () => {
    const busiest = [...tenant().users()].sort(
      (a, b) => b.licenseAssignmentStates.length - a.licenseAssignmentStates.length,
    )[0]!;
    const userCard = cardOf(
      await stack.personalMessage(`user ${busiest.userPrincipalName}`, requester.id),
    );
    expect(Buffer.byteLength(JSON.stringify(userCard))).toBeLessThan(28 * 1024);
    const worst = [...tenant().groups()]
      .map((g) => ({
        g,
        n: (() => {
          const r = tenant().membersWithLicenseErrors(g.id);
          return r.ok ? r.value.length : 0;
        })(),
      }))
      .sort((a, b) => b.n - a.n)[0]!;
    const groupCard = invokedCard(
      await stack.invoke(
        'adaptiveCard/action',
        executeValue('group', { id: worst.g.id, page: 1 }),
        requester.id,
      ),
    );
    expect(Buffer.byteLength(JSON.stringify(groupCard))).toBeLessThan(28 * 1024);
    // Twenty members in error fit a page; past that a "Next page" button carries id and page.
    const manage = { title: 'Manage licenses', verb: 'group-license', data: { id: worst.g.id } };
    expect(buttonsOf(groupCard)).toEqual(
      worst.n > 20
        ? [manage, { title: 'Next page', verb: 'group', data: { id: worst.g.id, page: 2 } }]
        : [manage],
    );
  });
});

describe('bad input', () => {
  it('answers empty text', async () => {
    expect(textOf(await stack.personalMessage('', requester.id))).toContain('empty message');
  });

  it('answers 25 KB of text without trying to parse it, and says how to choose many people', async () => {
    const turn = await stack.personalMessage('licenses '.repeat(2800), requester.id);
    expect(turn.status).toBe(200);
    expect(textOf(turn)).toContain('characters, more than a command holds (20,000)');
    expect(textOf(turn)).toContain('choose them by group, filter or CSV file');
  });

  it('suggests the closest command for a typo', async () => {
    expect(textOf(await stack.personalMessage('licnses', requester.id))).toBe(
      "I didn't get that. Did you mean `licenses`?",
    );
    expect(textOf(await stack.personalMessage('make me a sandwich', requester.id))).toContain(
      'Type `help`',
    );
  });

  it('answers a click from another tenant with a refusal, not an error', async () => {
    const turn = await stack.send(
      { type: 'invoke', name: 'adaptiveCard/action', value: executeValue('licenses', { page: 1 }) },
      { aadObjectId: requester.id, tenantId: '99999999-9999-9999-9999-999999999999' },
    );
    expect(turn.status).toBe(200);
    expect(turn.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
    expect(JSON.stringify(turn.body)).toContain('belongs to another one');
  });

  it('answers a card action that carries no action with a 400 error, and writes nothing in the chat', async () => {
    for (const value of [{ trigger: 'manual' }, { action: null }, 'garbage']) {
      const turn = await stack.invoke('adaptiveCard/action', value, requester.id);
      expect(turn.status).toBe(400);
      expect(turn.body).toMatchObject({
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest' },
      });
      expect(turn.replies).toEqual([]);
    }
  });

  it('still answers an Action.Submit button (it arrives as a message with a value)', async () => {
    const turn = await stack.send(
      { type: 'message', value: { licenseDesk: 'licenses', page: 1 } },
      { aadObjectId: requester.id },
    );
    expect(shown(cardOf(turn))).toContain('Licenses in');
  });

  it('refuses a card button with forged or missing data', async () => {
    const turn = await stack.send(
      { type: 'message', value: { licenseDesk: 'group', page: 'x' } },
      { aadObjectId: requester.id },
    );
    expect(textOf(turn)).toContain('did not carry what I need');
    const clicked = await stack.invoke(
      'adaptiveCard/action',
      executeValue('user', { id: 'x'.repeat(500) }),
      requester.id,
    );
    expect(JSON.stringify(clicked.body)).toContain('did not carry what I need');
  });
});

describe('who may ask', () => {
  it('refuses a user from another tenant, and logs it', async () => {
    const turn = await stack.send(
      { type: 'message', text: 'licenses' },
      { aadObjectId: requester.id, tenantId: '99999999-9999-9999-9999-999999999999' },
    );
    expect(textOf(turn)).toContain('belongs to another one');
    expect(stack.logs.some((line) => JSON.stringify(line).includes('OTHER_TENANT'))).toBe(true);
  });

  it('refuses someone the directory does not know, and says whom to ask', async () => {
    const turn = await stack.personalMessage('licenses', '12345678-0000-0000-0000-00000000dead');
    expect(textOf(turn)).toContain("can't find your account");
    expect(textOf(turn)).toContain('IT admin');
  });
});

describe('install', () => {
  it('welcomes a requester once, for their role, and saves the personal conversation', async () => {
    const user = tenant()
      .users()
      .find((u) => u.id !== requester.id && u.id !== approver.id && u.accountEnabled)!;
    const install = await stack.installationUpdate(user.id);
    const card = cardOf(install);
    expect(shown(card)).toContain(`Hi ${user.displayName.split(' ')[0]}, I'm License Desk`);
    expect(shown(card)).toContain('As a requester you can:');
    const [helpButton, licensesButton] = buttonsOf(card);
    const help = await stack.invoke('adaptiveCard/action', executeValue(helpButton!.verb), user.id);
    expect(shown(invokedCard(help))).toContain('What I can do');
    const licenses = await stack.invoke(
      'adaptiveCard/action',
      executeValue(licensesButton!.verb, licensesButton!.data),
      user.id,
    );
    expect(shown(invokedCard(licenses))).toContain('Licenses in');
    const saved = await stack.desk.store.conversations.findPersonal(stack.tenantId, user.id);
    expect(saved).toMatchObject({
      kind: 'personal',
      userId: user.id,
      conversationId: install.activity.conversation.id,
    });
    expect(saved?.reference).toMatchObject({ serviceUrl: stack.connector.serviceUrl });
    // Teams also sends conversationUpdate for the same install: no second welcome.
    const again = await stack.send(
      {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:license-desk-bot', name: 'License Desk' }],
      },
      { aadObjectId: user.id },
    );
    expect(again.replies).toEqual([]);
  });

  it('welcomes an approver with what admins do', async () => {
    const card = cardOf(await stack.installationUpdate(approver.id));
    expect(shown(card)).toContain('As a license admin you can:');
    expect(shown(card)).toContain('approve or reject license requests');
  });

  it('saves a team channel when added to a team, and answers @mentions there', async () => {
    const channel = {
      id: '19:general@thread.tacv2',
      conversationType: 'channel',
      tenantId: stack.tenantId,
      isGroup: true,
      name: 'General',
    };
    const added = await stack.send(
      {
        type: 'conversationUpdate',
        conversation: channel,
        membersAdded: [{ id: '28:license-desk-bot', name: 'License Desk' }],
      },
      { aadObjectId: approver.id },
    );
    expect(shown(cardOf(added))).toContain("Hi, I'm License Desk");
    const saved = await stack.desk.store.conversations.get(stack.tenantId, channel.id);
    expect(saved).toMatchObject({ kind: 'channel', conversationId: channel.id });
    const mention = await stack.send(
      {
        type: 'message',
        conversation: { ...channel, id: `${channel.id};messageid=123` },
        text: '<at>License Desk</at> licenses',
        entities: [
          {
            type: 'mention',
            mentioned: { id: '28:license-desk-bot', name: 'License Desk' },
            text: '<at>License Desk</at>',
          },
        ],
      },
      { aadObjectId: requester.id },
    );
    expect(shown(cardOf(mention))).toContain('Licenses in');
  });

  it('refreshes the personal reference on every personal message', async () => {
    await stack.personalMessage('help', requester.id);
    const saved = await stack.desk.store.conversations.findPersonal(stack.tenantId, requester.id);
    expect(saved).toMatchObject({ kind: 'personal', userId: requester.id });
  });
});

describe('requester groups', () => {
  it('refuses people outside REQUESTER_GROUP_IDS and names the group; approvers still get in', async () => {
    const marketing = tenant()
      .groups()
      .find((g) => g.displayName === 'Marketing Team')!;
    const listed = tenant().groupMembers(marketing.id, true);
    const memberIds = new Set(
      listed.ok ? listed.value.flatMap((m) => (m.kind === 'user' ? [m.user.id] : [])) : [],
    );
    const member = tenant()
      .users()
      .find((u) => memberIds.has(u.id) && u.id !== approver.id)!;
    const outsider = tenant()
      .users()
      .find((u) => !memberIds.has(u.id) && u.id !== approver.id && u.id !== member.id)!;
    const restricted = await startTestStack({ env: { REQUESTER_GROUP_IDS: marketing.id } });
    try {
      const refused = await restricted.personalMessage('licenses', outsider.id);
      expect(textOf(refused)).toContain('License Desk is open to members of "Marketing Team"');
      expect(textOf(refused)).toContain('Ask your license admins');
      expect(cardOf(await restricted.personalMessage('licenses', member.id))).toBeDefined();
      expect(cardOf(await restricted.personalMessage('licenses', approver.id))).toBeDefined();
    } finally {
      await restricted.close();
    }
  });
});
