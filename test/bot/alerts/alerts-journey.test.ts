import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_JOB } from '../../../src/server/license-desk.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { buttonsOf, cardOf, shownOn, textOf } from '../support/replies.ts';
import {
  aboutContractors,
  ADELE,
  cardsIn,
  channel,
  CONTRACTORS,
  MEGAN,
  shownIn,
} from './alerts-support.ts';

const OPS = '19:license-ops@thread.tacv2';

let stack: TestStack;
beforeAll(async () => {
  // A short interval, as the embedded demo has (15 s there): each look comes within seconds.
  stack = await startTestStack({ env: { ALERT_INTERVAL_SECONDS: '5' } });
});
afterAll(async () => {
  await stack.close();
});

describe('proactive alerts in a channel', () => {
  it('`alerts on` is for approvers only', async () => {
    const refused = await stack.send(
      { type: 'message', text: 'alerts on', ...channel(stack, '19:somewhere@thread.tacv2') },
      { aadObjectId: ADELE, tenantId: stack.tenantId },
    );
    expect(textOf(refused)).toContain('Only license admins');
  });

  it('an approver turns alerts on, the Contractors errors arrive as a card, and once fixed the card turns solved in place', async () => {
    const on = await stack.send(
      { type: 'message', text: 'alerts on', ...channel(stack, OPS) },
      { aadObjectId: MEGAN, tenantId: stack.tenantId },
    );
    expect(textOf(on)).toContain('Alerts are on in this channel');

    const [posted] = await stack.waitForCalls(
      (call) => call.conversationId === OPS && call.kind !== 'update' && aboutContractors(call),
    );
    const card = cardsIn(posted!)[0]!;
    const inError = stack.simulator.tenant().membersWithLicenseErrors(CONTRACTORS);
    if (!inError.ok) {
      throw new Error('the demo tenant has no Contractors group');
    }
    const shown = shownOn(card).join('\n');
    expect(shown).toContain('⚠️ New alert');
    expect(shown).toContain(
      `Group "Contractors": ${inError.value.length} members without their licenses`,
    );
    expect(shown).toContain('Not enough licenses');
    expect(buttonsOf(card)).toEqual([
      {
        title: 'Reprocess members in error',
        verb: 'group-reprocess',
        data: { groupId: CONTRACTORS },
      },
      { title: 'Open group', verb: 'group', data: { id: CONTRACTORS } },
    ]);

    // Every member in error leaves the group (an admin's fix, through the simulator's control API).
    for (const user of inError.value) {
      const res = await fetch(
        `${stack.simulator.url}/_simulator/groups/${CONTRACTORS}/members/${user.id}`,
        { method: 'DELETE' },
      );
      expect(res.status).toBe(204);
    }

    const [updated] = await stack.waitForCalls(
      (call) =>
        call.conversationId === OPS && call.kind === 'update' && call.activityId === posted!.sentId,
    );
    const solved = shownIn(updated!);
    expect(solved).toContain('✅ Solved');
    expect(solved).toContain('Group "Contractors"');
    expect(buttonsOf(cardsIn(updated!)[0]!).map((b) => b.verb)).toEqual(['group']);
    // The Contractors alert was posted once, and nothing else about it was posted since.
    expect(
      stack.replies.filter(
        (c) => c.conversationId === OPS && c.kind !== 'update' && aboutContractors(c),
      ),
    ).toHaveLength(1);
  });

  it('`alerts` shows the open problems now, and `alerts off` stops them', async () => {
    const now = await stack.send(
      { type: 'message', text: 'alerts', ...channel(stack, OPS) },
      { aadObjectId: MEGAN, tenantId: stack.tenantId },
    );
    const shown = shownOn(cardOf(now)).join('\n');
    expect(shown).toContain('Alerts are on here');
    expect(shown).toMatch(/open problems? now/);
    expect(shown).not.toContain('Group "Contractors"');

    const off = await stack.send(
      { type: 'message', text: 'alerts off', ...channel(stack, OPS) },
      { aadObjectId: MEGAN, tenantId: stack.tenantId },
    );
    expect(textOf(off)).toContain('Alerts are off in this channel');
  });

  it('a channel of a team License Desk is removed from gets no more alerts; the others still do', async () => {
    const team = '19:leaving-team@thread.tacv2';
    const gone = '19:leaving-channel@thread.tacv2';
    const stay = '19:staying-channel@thread.tacv2';
    for (const [channelId, teamId] of [
      [gone, team],
      [stay, '19:staying-team@thread.tacv2'],
    ] as const) {
      await stack.send(
        { type: 'message', text: 'alerts on', ...channel(stack, channelId, teamId) },
        { aadObjectId: MEGAN, tenantId: stack.tenantId },
      );
    }
    for (const channelId of [gone, stay]) {
      await stack.waitForCalls(
        (call) => call.conversationId === channelId && call.kind !== 'update',
      );
    }
    await stack.settle();
    const subscribed = async () =>
      (await stack.desk.store.alertSubscriptions.list(stack.tenantId)).map((s) => s.conversationId);
    expect(await subscribed()).toEqual(expect.arrayContaining([gone, stay]));

    // The app is uninstalled from the team: Teams tells the bot in the channel it was added in.
    await stack.send(
      { type: 'installationUpdate', action: 'remove', ...channel(stack, gone, team) },
      { aadObjectId: MEGAN, tenantId: stack.tenantId },
    );
    expect(await subscribed()).not.toContain(gone);
    expect(await subscribed()).toContain(stay);

    // Something new: a product's seats cut below what is used.
    const sku = (await stack.desk.directory.listSkus()).find(
      (s) => s.consumedUnits >= 3 && s.prepaidUnits.enabled >= s.consumedUnits,
    )!;
    const res = await fetch(`${stack.simulator.url}/_simulator/skus/${sku.skuId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepaidUnits: { enabled: sku.consumedUnits - 2 } }),
    });
    expect(res.status).toBe(200);
    const callsIn = (channelId: string) =>
      stack.replies.filter((call) => call.conversationId === channelId).length;
    const [goneBefore, stayBefore] = [callsIn(gone), callsIn(stay)];
    await stack.desk.jobs.runNow(ALERT_JOB);
    await stack.settle();
    expect(callsIn(stay)).toBeGreaterThan(stayBefore);
    expect(callsIn(gone)).toBe(goneBefore);
  });
});
