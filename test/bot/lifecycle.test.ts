import type { Activity } from 'botbuilder';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Clock } from '../../src/app/ports/clock.ts';
import { systemClock } from '../../src/graph/index.ts';
import { TELL_JOB } from '../../src/server/license-desk.ts';
import type { ConnectorCall } from '../support/connector.ts';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { shownOn, textOf } from './support/replies.ts';
import { startRequestStack } from './support/request-stack.ts';

// Activity shapes as Teams sends them (from the lifecycle probe, .tmp/probe/lifecycle.test.ts).
const MENTION = {
  type: 'mention',
  mentioned: { id: '28:license-desk-bot', name: 'License Desk' },
  text: '<at>License Desk</at>',
};
const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const BOT = '28:license-desk-bot';

// License Desk's clock: real time, moved past the tell job's grace when a test needs the job.
let ahead = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + ahead),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

let stack: TestStack;
let teams = 0;

const personal = (userId: string) => `a:personal-${userId}`;
const as = (aadObjectId: string) => ({ aadObjectId, tenantId: stack.tenantId });
const cardsIn = (call: ConnectorCall) =>
  ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
    (attachment) => attachment.content,
  );
const welcomes = (calls: ConnectorCall[]) =>
  calls.filter((call) =>
    cardsIn(call).some((card) => shownOn(card).join('\n').includes("I'm License Desk")),
  );

/** A team of its own per test, so one test's removal is not another's. */
function newTeam() {
  teams += 1;
  const teamId = `19:team-${teams}@thread.tacv2`;
  const approvalsId = `19:approvals-${teams}@thread.tacv2`;
  const channelData = (channelId: string, eventType?: string) => ({
    settings: { selectedChannel: { id: channelId } },
    channel: { id: channelId },
    team: { aadGroupId: 'f3ec8cd2-e704-4344-8c47-9a3a21d683c0', name: 'IT', id: teamId },
    ...(eventType ? { eventType } : {}),
    tenant: { id: stack.tenantId },
  });
  const conversation = (id: string, name = 'General') =>
    ({ isGroup: true, conversationType: 'channel', tenantId: stack.tenantId, id, name }) as never;
  return { teamId, approvalsId, channelData, conversation };
}

type Team = ReturnType<typeof newTeam>;

function installInTeam(team: Team, by = MEGAN) {
  const { teamId, channelData, conversation } = team;
  return Promise.all([
    stack.send(
      {
        type: 'installationUpdate',
        action: 'add',
        conversation: conversation(teamId),
        channelData: { ...channelData(teamId), source: { name: 'message' } },
      },
      as(by),
    ),
    stack.send(
      {
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT }] as never,
        conversation: conversation(teamId),
        channelData: channelData(teamId, 'teamMemberAdded'),
      },
      as(by),
    ),
  ]);
}

/** `approvals here` typed (with an @mention) in a channel of the team that is not General. */
async function approvalsHereIn(team: Team) {
  const turn = await stack.send(
    {
      type: 'message',
      text: '<at>License Desk</at> approvals here',
      entities: [MENTION],
      conversation: team.conversation(`${team.approvalsId};messageid=1700000000000`, 'Approvals'),
      channelData: team.channelData(team.approvalsId),
    },
    as(MEGAN),
  );
  expect(textOf(turn)).toContain('come here');
}

/** No approvers' channel set (an earlier test's team may still have it). */
async function noApprovalChannel(): Promise<void> {
  const current = await stack.desk.store.approvalChannels.get(stack.tenantId);
  if (current) {
    await stack.desk.store.approvalChannels.clear(stack.tenantId, current.etag);
  }
}

/** The welcome cards posted into a conversation since the `since`th connector call. */
async function welcomesIn(conversationId: string, since: number): Promise<ConnectorCall[]> {
  await stack.settle();
  return welcomes(
    stack.connector.calls.slice(since).filter((call) => call.conversationId === conversationId),
  );
}

async function approvalChannel(): Promise<string | undefined> {
  return (await stack.desk.store.approvalChannels.get(stack.tenantId))?.value.conversationId;
}

const cleared = (conversationId: string) =>
  stack.logs.filter(
    (line) =>
      line.level === 'warn' &&
      line.message.startsWith("approvers' channel cleared") &&
      line.fields.conversationId === conversationId,
  );

/**
 * A connector that answers every call with 403, as Teams does where the bot is not (any more),
 * or with another 403 `code` (an archived team, say) when given one.
 */
async function refusingConnector(
  code = 'BotNotInConversationRoster',
): Promise<{ serviceUrl: string; refused: string[] }> {
  const refused: string[] = [];
  const gone = createServer((req, res) => {
    refused.push(req.url ?? '');
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          code,
          message:
            code === 'BotNotInConversationRoster'
              ? 'The bot is not part of the conversation roster.'
              : 'Forbidden.',
        },
      }),
    );
  });
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => gone.close(() => resolve())));
  const { port } = gone.address() as AddressInfo;
  return { serviceUrl: `http://127.0.0.1:${port}/`, refused };
}

/** A request typed by Alex in his personal chat; what he was told, and the operation id. */
async function ask(upn: string, product = 'Power BI Pro') {
  const turn = await stack.personalMessage(
    `assign ${product} to ${upn}@contoso.onmicrosoft.com`,
    ALEX_WILBER,
  );
  const card = turn.replies.flatMap(cardsIn).find((content) => 'refresh' in content)!;
  const operationId = (card.refresh as { action: { data: { operationId: string } } }).action.data
    .operationId;
  return { said: textOf(turn), operationId };
}

const approvalCardsOf = (operationId: string) =>
  stack.replies.filter(
    (call) =>
      call.kind !== 'update' &&
      cardsIn(call).some(
        (card) =>
          (card.refresh as { action?: { data?: { operationId?: string } } } | undefined)?.action
            ?.data?.operationId === operationId && call.conversationId !== personal(ALEX_WILBER),
      ),
  );

beforeAll(async () => {
  stack = await startRequestStack({ clock });
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('the bot removed from a team', () => {
  it('forgets the team’s channels and the approvers’ channel; requests go to the approvers’ chats and say so', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    const stored = await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId);
    expect(stored).toMatchObject({ kind: 'channel', teamId: team.teamId });
    expect(await approvalChannel()).toBe(team.approvalsId);

    const removed = await stack.send(
      {
        type: 'conversationUpdate',
        from: { id: '29:x', name: '' },
        membersRemoved: [{ id: BOT }] as never,
        conversation: { isGroup: true, conversationType: 'channel', id: team.teamId } as never,
        channelData: team.channelData(team.teamId, 'teamMemberRemoved'),
      },
      as(MEGAN),
    );
    expect(removed.status).toBe(200);
    expect(removed.replies).toEqual([]);
    expect(await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId)).toBeNull();
    expect(await stack.desk.store.conversations.get(stack.tenantId, team.teamId)).toBeNull();
    expect(await approvalChannel()).toBeUndefined();
    expect(cleared(team.approvalsId)).toHaveLength(1);

    const { said, operationId } = await ask('adelev');
    expect(said).toContain('sent it to 2 approver(s)');
    const posted = await stack.waitForCalls((call) => approvalCardsOf(operationId).includes(call), {
      count: 2,
    });
    expect(posted.map((call) => call.conversationId).sort()).toEqual(
      [personal(MEGAN), personal(PATTI)].sort(),
    );
    await stack.settle();
    expect(stack.connector.callsFor(team.approvalsId).filter((c) => c.kind === 'send')).toEqual([]);
  });

  it.each([
    [
      'installationUpdate remove',
      (team: Team): Partial<Activity> => ({
        type: 'installationUpdate',
        action: 'remove',
        conversation: team.conversation(team.teamId),
        channelData: team.channelData(team.teamId),
      }),
    ],
    [
      'teamHardDeleted',
      (team: Team): Partial<Activity> => ({
        type: 'conversationUpdate',
        conversation: team.conversation(team.teamId),
        channelData: team.channelData(team.teamId, 'teamHardDeleted'),
      }),
    ],
  ])('forgets them on %s too', async (_label, removal) => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    await stack.send(removal(team), as(MEGAN));
    expect(await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId)).toBeNull();
    expect(await approvalChannel()).toBeUndefined();
    expect(cleared(team.approvalsId)).toHaveLength(1);
  });

  it('forgets nothing when the team is only soft-deleted (teamRestored brings it back)', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    await stack.send(
      {
        type: 'conversationUpdate',
        conversation: team.conversation(team.teamId),
        channelData: team.channelData(team.teamId, 'teamDeleted'),
      },
      as(MEGAN),
    );
    expect(await approvalChannel()).toBe(team.approvalsId);
    expect(
      await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId),
    ).not.toBeNull();
  });

  it('posts the requests pending in the approvers’ channel again to the approvers’ chats, and says it cleared the channel once', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    const { operationId } = await ask('lynner', 'Microsoft 365 E5');
    const [inChannel] = await stack.waitForCalls((call) =>
      approvalCardsOf(operationId).includes(call),
    );
    expect(inChannel!.conversationId).toBe(team.approvalsId);

    // Teams sends both for one uninstall from a team.
    await stack.send(
      {
        type: 'installationUpdate',
        action: 'remove',
        conversation: team.conversation(team.teamId),
        channelData: team.channelData(team.teamId),
      },
      as(MEGAN),
    );
    await stack.send(
      {
        type: 'conversationUpdate',
        membersRemoved: [{ id: BOT }] as never,
        conversation: team.conversation(team.teamId),
        channelData: team.channelData(team.teamId, 'teamMemberRemoved'),
      },
      as(MEGAN),
    );
    expect(await approvalChannel()).toBeUndefined();
    expect(cleared(team.approvalsId)).toHaveLength(1);
    const notice = await stack.desk.store.notices.get(stack.tenantId, operationId);
    expect(notice?.value).toMatchObject({ approvalsDue: true, told: 0 });

    ahead += 60_000;
    expect(await stack.desk.jobs.runNow(TELL_JOB)).toBe(true);
    await stack.settle();
    expect(
      approvalCardsOf(operationId)
        .map((call) => call.conversationId)
        .sort(),
    ).toEqual([team.approvalsId, personal(MEGAN), personal(PATTI)].sort());
    expect(
      (await stack.desk.store.notices.get(stack.tenantId, operationId))?.value,
    ).not.toHaveProperty('approvalsDue');
    // Told once: the next pass posts nothing more.
    expect(await stack.desk.jobs.runNow(TELL_JOB)).toBe(true);
    await stack.settle();
    expect(approvalCardsOf(operationId)).toHaveLength(3);
  });

  it('`approvals here` after the bot was added back stores the channel another instance forgot', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    // Another instance handled the removal: this one's save memo still remembers the channel.
    await stack.desk.store.conversations.removeTeam(stack.tenantId, team.teamId);
    await stack.desk.store.approvalChannels.clear(
      stack.tenantId,
      (await stack.desk.store.approvalChannels.get(stack.tenantId))!.etag,
    );
    await installInTeam(team);
    expect(await stack.desk.store.conversations.get(stack.tenantId, team.teamId)).not.toBeNull();
    await approvalsHereIn(team);
    expect(
      await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId),
    ).toMatchObject({ kind: 'channel', teamId: team.teamId });
    expect(await approvalChannel()).toBe(team.approvalsId);
  });

  it('keeps the approvers’ channel when another team is left, and the remover’s personal welcome', async () => {
    const kept = newTeam();
    const left = newTeam();
    await installInTeam(kept);
    await installInTeam(left);
    await approvalsHereIn(kept);
    await stack.send(
      {
        type: 'installationUpdate',
        action: 'remove',
        conversation: left.conversation(left.teamId),
        channelData: left.channelData(left.teamId),
      },
      as(MEGAN),
    );
    expect(await stack.desk.store.conversations.get(stack.tenantId, left.teamId)).toBeNull();
    expect(await approvalChannel()).toBe(kept.approvalsId);
    expect(
      await stack.desk.store.conversations.get(stack.tenantId, kept.approvalsId),
    ).not.toBeNull();
    // Only a personal uninstall resets the personal welcome.
    expect((await stack.desk.store.preferences.get(stack.tenantId, MEGAN))?.value.welcomed).toBe(
      true,
    );
    expect(await stack.desk.store.conversations.findPersonal(stack.tenantId, MEGAN)).not.toBeNull();
  });

  it('an app upgrade (remove-upgrade, add-upgrade) forgets nothing and welcomes no one', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    const upgrade = (action: string) =>
      stack.send(
        {
          type: 'installationUpdate',
          action,
          conversation: team.conversation(team.teamId),
          channelData: team.channelData(team.teamId),
        },
        as(MEGAN),
      );
    await upgrade('remove-upgrade');
    const added = await upgrade('add-upgrade');
    expect(welcomes(added.calls)).toEqual([]);
    expect(await approvalChannel()).toBe(team.approvalsId);
  });
});

describe('welcomes', () => {
  it('a team install welcomes once though Teams sends two events at once', async () => {
    const team = newTeam();
    const since = stack.connector.calls.length;
    const turns = await installInTeam(team);
    expect(turns.map((turn) => turn.status)).toEqual([200, 200]);
    expect(await welcomesIn(team.teamId, since)).toHaveLength(1);
  });

  it('a team whose welcome could not be sent is welcomed by the next install', async () => {
    const team = newTeam();
    const { serviceUrl, refused } = await refusingConnector();
    const turns = await Promise.all(
      [
        { type: 'installationUpdate', action: 'add', channelData: team.channelData(team.teamId) },
        {
          type: 'conversationUpdate',
          membersAdded: [{ id: BOT }] as never,
          channelData: team.channelData(team.teamId, 'teamMemberAdded'),
        },
      ].map((event) =>
        stack.send(
          { ...event, conversation: team.conversation(team.teamId), serviceUrl },
          as(MEGAN),
        ),
      ),
    );
    expect(turns.length).toBe(2);
    expect(refused.length).toBeGreaterThan(0);
    const since = stack.connector.calls.length;
    await installInTeam(team);
    expect(await welcomesIn(team.teamId, since)).toHaveLength(1);
  });

  it('a group chat welcomes once per install, and again after the bot was removed and re-added', async () => {
    const groupChatId = '19:meeting_groupchat123@thread.v2';
    const conversation = {
      isGroup: true,
      conversationType: 'groupChat',
      tenantId: stack.tenantId,
      id: groupChatId,
    } as never;
    const install = () =>
      Promise.all([
        stack.send({ type: 'installationUpdate', action: 'add', conversation }, as(ALEX_WILBER)),
        stack.send(
          { type: 'conversationUpdate', membersAdded: [{ id: BOT }] as never, conversation },
          as(ALEX_WILBER),
        ),
      ]);
    const since = stack.connector.calls.length;
    await install();
    expect(await welcomesIn(groupChatId, since)).toHaveLength(1);
    const someoneJoined = await stack.send(
      {
        type: 'conversationUpdate',
        membersAdded: [{ id: '29:zz', aadObjectId: MEGAN }] as never,
        conversation,
      },
      as(ALEX_WILBER),
    );
    expect(someoneJoined.replies).toEqual([]);

    await stack.send(
      {
        type: 'message',
        text: '<at>License Desk</at> approvals here',
        entities: [MENTION],
        conversation,
      },
      as(MEGAN),
    );
    expect(await approvalChannel()).toBe(groupChatId);
    await stack.send(
      { type: 'conversationUpdate', membersRemoved: [{ id: BOT }] as never, conversation },
      as(ALEX_WILBER),
    );
    expect(await stack.desk.store.conversations.get(stack.tenantId, groupChatId)).toBeNull();
    expect(await approvalChannel()).toBeUndefined();
    expect(cleared(groupChatId)).toHaveLength(1);

    const again = stack.connector.calls.length;
    await install();
    expect(await welcomesIn(groupChatId, again)).toHaveLength(1);
    expect(await stack.desk.store.conversations.get(stack.tenantId, groupChatId)).not.toBeNull();
  });
});

describe('a personal uninstall', () => {
  it('forgets the personal chat: no approval cards there, a message or reinstall brings it back', async () => {
    await noApprovalChannel();
    await stack.send(
      {
        type: 'installationUpdate',
        action: 'remove',
        conversation: {
          conversationType: 'personal',
          id: personal(PATTI),
          tenantId: stack.tenantId,
        } as never,
      },
      as(PATTI),
    );
    expect(await stack.desk.store.conversations.findPersonal(stack.tenantId, PATTI)).toBeNull();
    expect((await stack.desk.store.preferences.get(stack.tenantId, PATTI))?.value.welcomed).toBe(
      false,
    );

    const { said, operationId } = await ask('lynner');
    expect(said).toContain('sent it to 1 approver(s)');
    const [posted] = await stack.waitForCalls((call) =>
      approvalCardsOf(operationId).includes(call),
    );
    expect(posted!.conversationId).toBe(personal(MEGAN));
    const refresh = cardsIn(posted!)[0]!.refresh as { userIds: string[] };
    expect(refresh.userIds.some((id) => id.includes(PATTI))).toBe(false);
    await stack.settle();
    expect(approvalCardsOf(operationId)).toHaveLength(1);

    // A personal message saves the chat again at once (nothing remembered it as saved).
    await stack.personalMessage('help', PATTI);
    expect(await stack.desk.store.conversations.findPersonal(stack.tenantId, PATTI)).toMatchObject({
      conversationId: personal(PATTI),
    });
    const reinstalled = await stack.installationUpdate(PATTI);
    expect(welcomes(reinstalled.replies)).toHaveLength(1);
  });
});

describe('an approval card Teams refuses in the approvers’ channel', () => {
  it('forgets the channel, and the tell job posts the card to the approvers’ chats', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    // The bot was removed but the event was missed: Teams answers posts there with 403.
    const { serviceUrl, refused } = await refusingConnector();
    const stored = (await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId))!;
    await stack.desk.store.conversations.save({
      ...stored,
      reference: { ...stored.reference, serviceUrl },
    });
    const { said, operationId } = await ask('isaiahl', 'Microsoft 365 E5');
    expect(said).toContain("approvers' channel");
    await stack.settle();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(encodeURIComponent(team.approvalsId));
    expect(await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId)).toBeNull();
    expect(await approvalChannel()).toBeUndefined();
    expect(cleared(team.approvalsId)).toHaveLength(1);
    expect(approvalCardsOf(operationId)).toEqual([]);

    // The job tells what was left untold once its grace has passed.
    ahead += 60_000;
    expect(await stack.desk.jobs.runNow(TELL_JOB)).toBe(true);
    await stack.settle();
    expect(
      approvalCardsOf(operationId)
        .map((call) => call.conversationId)
        .sort(),
    ).toEqual([personal(MEGAN), personal(PATTI)].sort());
  });

  it('keeps the channel when Teams refuses for another reason (an archived team), and says nothing went', async () => {
    const team = newTeam();
    await installInTeam(team);
    await approvalsHereIn(team);
    const { serviceUrl, refused } = await refusingConnector('Forbidden');
    const stored = (await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId))!;
    await stack.desk.store.conversations.save({
      ...stored,
      reference: { ...stored.reference, serviceUrl },
    });
    const { operationId } = await ask('isaiahl', 'Microsoft 365 E5');
    await stack.settle();
    expect(refused).toHaveLength(1);
    // Not removed from it: the team may be unarchived, so the setting stays.
    expect(
      await stack.desk.store.conversations.get(stack.tenantId, team.approvalsId),
    ).not.toBeNull();
    expect(await approvalChannel()).toBe(team.approvalsId);
    expect(cleared(team.approvalsId)).toEqual([]);
    expect(approvalCardsOf(operationId)).toEqual([]);
  });
});
