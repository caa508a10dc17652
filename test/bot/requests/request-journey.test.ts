import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../support/connector.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import {
  buttonsOf,
  cardOf,
  executeValue,
  invokedCard,
  shownOn,
  textOf,
} from '../support/replies.ts';
import { assignLicenseWrites, startRequestStack } from '../support/request-stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const ADELE = '00000000-0000-0000-0000-0000000000022'; // neither
const ISAIAH_UPN = 'isaiahl@contoso.onmicrosoft.com';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const APPROVERS_CHANNEL = '19:license-approvers@thread.tacv2';

let stack: TestStack;

const shown = (card: unknown) => shownOn(card).join('\n');
const said = (call: ConnectorCall): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';
const personal = (userId: string) => `a:personal-${userId}`;
const cardsIn = (call: ConnectorCall) =>
  ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
    (attachment) => attachment.content,
  );
const operationIdOf = (card: Record<string, unknown>): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

function channelActivity(id = APPROVERS_CHANNEL) {
  return {
    conversation: {
      id,
      conversationType: 'channel',
      tenantId: stack.tenantId,
      isGroup: true,
      name: 'Approvals',
    },
  };
}

/**
 * A request typed in the requester's personal chat; its operation id from the status card.
 * Redraws of their earlier requests' cards may land in the same chat meanwhile: not this turn's.
 */
async function ask(text: string, as: string) {
  const sent = await stack.personalMessage(text, as);
  const turn = { ...sent, replies: sent.replies.filter((call) => call.kind !== 'update') };
  const card = cardOf(turn);
  return { turn, card, operationId: operationIdOf(card) };
}

function click(verb: string, data: Record<string, unknown>, as: string, replyToId = 'card-1') {
  return stack.invoke('adaptiveCard/action', executeValue(verb, data), as, {
    ...channelActivity(),
    replyToId,
  });
}

async function licensesOf(upn: string): Promise<string[]> {
  const res = await fetch(`${stack.simulator.url}/_simulator/users/${upn}/licenses`);
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}

beforeAll(async () => {
  // Approvers and the requester have the app: their personal chats are known.
  stack = await startRequestStack();
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('approval cards go where the approvers are', () => {
  it("without an approvers' channel, sends the card to each approver's own chat and says so", async () => {
    const { turn } = await ask(
      'assign Power BI Pro to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    expect(textOf(turn)).toContain('sent it to 2 approver(s)');
    const posted = await stack.waitForCalls(
      (call) =>
        [personal(MEGAN), personal(PATTI)].includes(call.conversationId) &&
        cardsIn(call).some((card) => 'refresh' in card && shown(card).includes('Power BI Pro')),
      { count: 2 },
    );
    expect(buttonsOf(cardsIn(posted[0]!)[0]!).map((b) => b.title)).toEqual(['Approve', 'Reject']);
  });

  it('`approvals here` in a channel is for approvers only', async () => {
    const refused = await stack.send(
      { type: 'message', text: 'approvals here', ...channelActivity() },
      {
        aadObjectId: ADELE,
        tenantId: stack.tenantId,
      },
    );
    expect(textOf(refused)).toContain('Only license admins');
    const set = await stack.send(
      { type: 'message', text: 'approvals here', ...channelActivity() },
      {
        aadObjectId: MEGAN,
        tenantId: stack.tenantId,
      },
    );
    expect(textOf(set)).toContain('come here');
  });
});

describe('a request from ask to done', () => {
  it('manager asks, approver approves in the channel, the tenant changes, history and notice follow', async () => {
    expect(await licensesOf(ISAIAH_UPN)).not.toContain(E5);
    const { card, operationId, turn } = await ask(
      `assign Microsoft 365 E5 to ${ISAIAH_UPN}`,
      ALEX_WILBER,
    );
    expect(shown(card)).toContain('Waiting for an approver');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Cancel request']);
    expect(textOf(turn)).toContain("approvers' channel");

    const [posted] = await stack.waitForCalls(
      (call) =>
        call.conversationId === APPROVERS_CHANNEL &&
        cardsIn(call).some((c) => operationIdOf(c) === operationId),
    );
    const approval = cardsIn(posted!)[0]!;
    const text = shown(approval);
    expect(text).toContain('Alex Wilber');
    expect(text).toContain('Isaiah Langer');
    expect(text).toMatch(/Microsoft 365 E5: \d+ → \d+ of \d+ seats used/);
    expect(text).toMatch(/Monthly cost: .* → .*\(\+/);
    expect(buttonsOf(approval).map((b) => b.data)).toEqual([{ operationId }, { operationId }]);
    expect((approval.refresh as { userIds: string[] }).userIds.length).toBeGreaterThan(0);

    const answered = await click('request-approve', { operationId }, MEGAN, 'approval-msg');
    expect(shown(invokedCard(answered))).toContain('Approved by Megan Bowen');

    const [approvedNotice] = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(ALEX_WILBER) &&
        said(call).includes('Assign Microsoft 365 E5 to 1 user') &&
        said(call).includes('was approved by Megan Bowen'),
    );
    const [notice] = await stack.waitForCalls(
      (call) => call.conversationId === personal(ALEX_WILBER) && said(call).startsWith('Done'),
    );
    expect(approvedNotice!.receivedAt).toBeLessThanOrEqual(notice!.receivedAt);
    expect(notice!.activity.text).toContain('Assign Microsoft 365 E5 to 1 user');
    expect(await licensesOf(ISAIAH_UPN)).toContain(E5);
    // The clicked card is redrawn on every change after the answer: running, then done.
    await stack.waitForCalls(
      (call) =>
        call.kind === 'update' &&
        call.activityId === 'approval-msg' &&
        shown(cardsIn(call)[0]).includes('Isaiah Langer: done'),
    );

    const history = await stack.desk.store.history.query(stack.tenantId, { skuId: E5 });
    const line = history.items.find((event) => event.operationId === operationId);
    expect(line).toMatchObject({
      change: 'added',
      result: 'succeeded',
      requester: { displayName: 'Alex Wilber' },
      approver: { displayName: 'Megan Bowen' },
      userPrincipalName: ISAIAH_UPN,
    });
  });

  it("runs an approver's own single-user assign at once", async () => {
    const { card } = await ask(
      'assign Power BI Pro to lynner@contoso.onmicrosoft.com location GB',
      MEGAN,
    );
    expect(shown(card)).toContain('about to run');
    await stack.waitForCalls(
      (call) => call.conversationId === personal(MEGAN) && /^(Done|Not done)/.test(said(call)),
    );
    const res = await fetch(
      `${stack.simulator.url}/_simulator/users/lynner@contoso.onmicrosoft.com/licenses`,
    );
    expect(JSON.stringify(await res.json())).toContain('f8a1db68-be16-40ed-86d5-cb42ce701560');
    // The usage location the run set is in history too, as every change License Desk makes.
    const history = await stack.desk.store.history.query(stack.tenantId, {});
    const located = history.items.filter(
      (event) =>
        event.change === 'usageLocationSet' &&
        event.userPrincipalName === 'lynner@contoso.onmicrosoft.com',
    );
    expect(located).toEqual([
      expect.objectContaining({ usageLocation: 'GB', result: 'succeeded' }),
    ]);
  });
});

describe('ambiguity', () => {
  it('asks which license "E5" means, and a pick carries on with the request', async () => {
    const turn = await stack.personalMessage(
      'assign E5 to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    const choices = cardOf(turn);
    expect(shown(choices)).toContain('which one?');
    const picks = (
      choices.body as { selectAction?: { verb: string; data: { command: string } } }[]
    ).flatMap((element) => (element.selectAction ? [element.selectAction] : []));
    expect(picks.map((pick) => pick.data.command)).toEqual([
      'assign Microsoft 365 E5 to adelev@contoso.onmicrosoft.com',
      'assign Office 365 E5 to adelev@contoso.onmicrosoft.com',
    ]);
    const picked = await stack.invoke(
      'adaptiveCard/action',
      executeValue(picks[0]!.verb, picks[0]!.data),
      ALEX_WILBER,
    );
    expect(shown(invokedCard(picked))).toContain('Waiting for an approver');
  });
});

describe('a run that Microsoft 365 refuses', () => {
  it("marks the user failed, records why, and tells the requester in an admin's words", async () => {
    const project = '53818b1b-4a27-454b-8896-0dba576410e6';
    const { operationId } = await ask(
      'assign Project Plan 3 to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    // The seats go between the preview and the run: Graph has the last word.
    const cut = await fetch(`${stack.simulator.url}/_simulator/skus/${project}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepaidUnits: { enabled: 0 } }),
    });
    expect(cut.status).toBe(200);
    await click('request-approve', { operationId }, PATTI, 'project-card');
    const [notice] = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(ALEX_WILBER) &&
        said(call).includes('Project') &&
        /^(Done|Not done)/.test(said(call)),
    );
    expect(said(notice!)).toMatch(
      /^Not done: .*Adele Vance: There are no free seats left in subscription Planner and Project Plan 3\./,
    );
    expect(said(notice!)).not.toMatch(/Request_BadRequest|Subscription .* does not have/);
    expect(said(notice!)).not.toContain(project);
    await stack.waitForCalls(
      (call) =>
        call.kind === 'update' &&
        call.activityId === 'project-card' &&
        shown(cardsIn(call)[0]).includes('Failed'),
    );
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.state).toBe('failed');
    const history = await stack.desk.store.history.query(stack.tenantId, { skuId: project });
    expect(history.items.find((e) => e.operationId === operationId)).toMatchObject({
      result: 'failed',
      failureCode: 'NO_SEATS',
    });
  });
});

describe('history', () => {
  it('shows approvers every change, newest first, filtered by user', async () => {
    const all = cardOf(await stack.personalMessage('history', MEGAN));
    const lines = shownOn(all).filter((line) => / · .*@/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    const times = lines.map((line) => line.slice(0, 16));
    expect([...times].sort().reverse()).toEqual(times);

    const forIsaiah = cardOf(await stack.personalMessage(`history for ${ISAIAH_UPN}`, MEGAN));
    expect(shown(forIsaiah)).toContain(`${ISAIAH_UPN}: Microsoft 365 E5 added`);
    expect(shown(forIsaiah)).toContain('approved by Megan Bowen');
    expect(shown(forIsaiah)).not.toContain('adelev@');
  });

  it('pages to older lines with the filter kept', async () => {
    const events = Array.from({ length: 25 }, (_, i) => ({
      id: `paging-op:${ADELE}:added:${i}`,
      tenantId: stack.tenantId,
      operationId: 'paging-op',
      at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(),
      change: 'added' as const,
      userId: ADELE,
      userPrincipalName: 'adelev@contoso.onmicrosoft.com',
      skuId: E5,
      requester: { userId: ALEX_WILBER, displayName: 'Alex Wilber' },
      result: 'succeeded' as const,
    }));
    await stack.desk.store.history.append(events);
    const first = cardOf(
      await stack.personalMessage('history for adelev@contoso.onmicrosoft.com', MEGAN),
    );
    const [older] = buttonsOf(first);
    expect(older).toMatchObject({ title: 'Older', verb: 'history', data: { userId: ADELE } });
    const second = invokedCard(
      await stack.invoke('adaptiveCard/action', executeValue(older!.verb, older!.data), MEGAN),
    );
    const times = (card: Record<string, unknown>) =>
      shownOn(card)
        .filter((line) => line.includes('adelev@'))
        .map((line) => line.slice(0, 16));
    expect(times(second)).toHaveLength(10);
    expect(times(second)[0]! < times(first).at(-1)!).toBe(true);
    expect(shown(second)).not.toContain('isaiahl@');
  });

  it('shows a requester only what they asked for', async () => {
    const card = cardOf(await stack.personalMessage('history', ADELE));
    expect(shown(card)).toContain('Nothing on record');
  });
});

describe('errors come with their fix', () => {
  it('no usage location and no country: a card to pick one, and the request goes on with it', async () => {
    const newcomer = stack.simulator
      .tenant()
      .users()
      .find((user) => !user.usageLocation && !user.country && user.accountEnabled);
    const target =
      newcomer ??
      (() => {
        const user = stack.simulator.tenant().users()[10]!;
        const patched = stack.simulator
          .tenant()
          .updateUser(user.id, { usageLocation: null, country: null });
        if (!patched.ok) {
          throw new Error('could not clear the usage location');
        }
        return patched.value;
      })();
    const turn = await stack.personalMessage(
      `assign Power BI Pro to ${target.userPrincipalName}`,
      ALEX_WILBER,
    );
    const card = cardOf(turn);
    expect(shown(card)).toContain('no usage location');
    const [fix] = buttonsOf(card);
    expect(fix).toMatchObject({ title: 'Set it and ask again', verb: 'request-command' });
    const retried = await stack.invoke(
      'adaptiveCard/action',
      executeValue(fix!.verb, { ...fix!.data, location: 'gb' }),
      ALEX_WILBER,
    );
    const status = invokedCard(retried);
    expect(shown(status)).toContain('Waiting for an approver');
    const operationId = operationIdOf(status);
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    const item = await stack.desk.store.operationItems.get(
      stack.tenantId,
      operationId,
      stored!.value.firstUsers[0]!.userId,
    );
    expect(item?.value.setUsageLocation).toBe('GB');
  });
});

describe('refusals', () => {
  it('refuses self-approval', async () => {
    const { operationId } = await ask(
      `transfer adelev@contoso.onmicrosoft.com from Microsoft 365 E3 to Microsoft 365 E5`,
      MEGAN,
    );
    const turn = await click('request-approve', { operationId }, MEGAN);
    expect(turn.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(JSON.stringify(turn.body)).toContain('another approver has to decide');
  });

  it('refuses someone who is not an approver, and records it', async () => {
    const { operationId } = await ask(
      'assign Microsoft 365 E5 to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    const turn = await click('request-approve', { operationId }, ADELE);
    expect(JSON.stringify(turn.body)).toContain('Only license approvers');
    expect(
      stack.logs.some(
        (l) => l.fields.refusal === 'NOT_AN_APPROVER' && l.fields.operationId === operationId,
      ),
    ).toBe(true);
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.state).toBe('pending');
  });

  it('refuses a forged operation id and records it', async () => {
    const turn = await click('request-approve', { operationId: 'forged-123' }, MEGAN);
    expect(JSON.stringify(turn.body)).toContain('no such request');
    expect(
      stack.logs.some(
        (l) => l.fields.refusal === 'NOT_FOUND' && l.fields.operationId === 'forged-123',
      ),
    ).toBe(true);
  });

  it('refuses a click from another tenant', async () => {
    const { operationId } = await ask(
      'assign Microsoft 365 E5 to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    const other = '11111111-1111-1111-1111-111111111111';
    const turn = await stack.send(
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: executeValue('request-approve', { operationId }),
        conversation: { ...channelActivity().conversation, tenantId: other },
        channelData: { tenant: { id: other } },
      },
      { aadObjectId: MEGAN, tenantId: other },
    );
    expect(turn.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(JSON.stringify(turn.body)).not.toContain('Approved');
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.state).toBe('pending');
  });

  it('a double click approves once and tells the second click who approved', async () => {
    const { operationId } = await ask(
      'assign Microsoft 365 E5 to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    const first = await click('request-approve', { operationId }, PATTI);
    const second = await click('request-approve', { operationId }, PATTI);
    expect(shown(invokedCard(first))).toContain('Approved by Patti Fernandez');
    expect(JSON.stringify(second.body)).toMatch(/already (approved|running|run)/);
  });

  it('rejecting needs a reason, and the requester reads it', async () => {
    const { operationId } = await ask(
      'assign Microsoft 365 E5 to lynner@contoso.onmicrosoft.com location US',
      ALEX_WILBER,
    );
    const bare = await click('request-reject', { operationId }, PATTI);
    expect(JSON.stringify(bare.body)).toContain('Say why you reject it');
    const rejected = await click('request-reject', { operationId, reason: 'Use E3' }, PATTI);
    expect(shown(invokedCard(rejected))).toContain('Rejected by Patti Fernandez: Use E3');
    await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(ALEX_WILBER) &&
        said(call).includes('rejected by Patti Fernandez: Use E3'),
    );
    const history = await stack.desk.store.history.query(stack.tenantId, {});
    expect(
      history.items.some((e) => e.operationId === operationId && e.change === 'rejected'),
    ).toBe(true);
  });

  it('the requester may cancel while it waits; an approval after that changes nothing', async () => {
    const { card, operationId } = await ask(
      'assign Microsoft 365 E5 to lynner@contoso.onmicrosoft.com location US',
      ALEX_WILBER,
    );
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Cancel request']);
    const byOther = await click('request-cancel', { operationId }, PATTI);
    expect(JSON.stringify(byOther.body)).toContain('Only the person who asked can cancel');
    const cancelled = await click('request-cancel', { operationId }, ALEX_WILBER);
    expect(shown(invokedCard(cancelled))).toContain('Cancelled by the requester');
    const late = await click('request-approve', { operationId }, PATTI);
    expect(JSON.stringify(late.body)).toContain('cancelled by the requester');
  });

  it('50 approvers clicking at once: one approval, one Graph write', async () => {
    const { operationId } = await ask(
      `assign Microsoft 365 E5 to alexw@contoso.onmicrosoft.com`,
      ALEX_WILBER,
    );
    const before = await assignLicenseWrites(stack);
    const mark = stack.replies.length;
    const turns = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        click('request-approve', { operationId }, i % 2 === 0 ? MEGAN : PATTI),
      ),
    );
    const approvals = turns.filter(
      (turn) => (turn.body as { type: string }).type === 'application/vnd.microsoft.card.adaptive',
    );
    expect(approvals).toHaveLength(1);
    // This request's outcome told to Alex (earlier tests told him of other E5 requests).
    await stack.waitForCalls(
      (call) =>
        stack.replies.indexOf(call) >= mark &&
        call.conversationId === personal(ALEX_WILBER) &&
        /^(Done|Not done|Partly)/.test(said(call)) &&
        said(call).includes('E5'),
    );
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(['succeeded', 'failed']).toContain(stored?.value.state);
    expect((await assignLicenseWrites(stack)) - before).toBe(1);
  });
});
