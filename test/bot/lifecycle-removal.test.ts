import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { removalOf } from '../../src/bot/handle-removal.ts';

const BOT = '28:license-desk-bot';
const TEAM = '19:zFLSDFWsesfzcmKArqKJ-65aOXJz@thread.tacv2';
const CHANNEL = '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2';
const GROUP = '19:meeting_groupchat123@thread.v2';

const team = (eventType?: string, channelId = CHANNEL) => ({
  channel: { id: channelId },
  team: { id: TEAM, name: 'IT' },
  ...(eventType ? { eventType } : {}),
  tenant: { id: 'tenant' },
});

const activity = (partial: Record<string, unknown>): Activity =>
  ({
    recipient: { id: BOT, name: 'License Desk' },
    conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true },
    channelData: team(),
    ...partial,
  }) as unknown as Activity;

describe('removalOf', () => {
  it('reads a team uninstall as leaving every channel of the team', () => {
    expect(removalOf(activity({ type: 'installationUpdate', action: 'remove' }))).toEqual({
      kind: 'conversations',
      conversationIds: [CHANNEL, TEAM],
      teamId: TEAM,
    });
  });

  it('reads the bot removed from the team members, or the team deleted for good, the same way', () => {
    for (const removed of [
      { membersRemoved: [{ id: BOT }], channelData: team('teamMemberRemoved') },
      { channelData: team('teamHardDeleted') },
    ]) {
      expect(
        removalOf(
          activity({
            type: 'conversationUpdate',
            conversation: { id: TEAM, conversationType: 'channel' },
            ...removed,
          }),
        ),
      ).toEqual({ kind: 'conversations', conversationIds: [TEAM], teamId: TEAM });
    }
  });

  it('reads a group chat removal as that chat only, and a deleted channel (soft) as nothing', () => {
    const group = { id: GROUP, conversationType: 'groupChat', isGroup: true };
    expect(
      removalOf(
        activity({
          type: 'conversationUpdate',
          conversation: group,
          channelData: { tenant: { id: 'tenant' } },
          membersRemoved: [{ id: BOT }],
        }),
      ),
    ).toEqual({ kind: 'conversations', conversationIds: [GROUP] });
    expect(
      removalOf(
        activity({
          type: 'installationUpdate',
          action: 'remove',
          conversation: group,
          channelData: undefined,
        }),
      ),
    ).toEqual({ kind: 'conversations', conversationIds: [GROUP] });
    expect(
      removalOf(
        activity({
          type: 'conversationUpdate',
          conversation: { id: TEAM, conversationType: 'channel' },
          channelData: team('channelDeleted', '19:old@thread.tacv2'),
        }),
      ),
    ).toBeUndefined();
  });

  it('reads a personal uninstall as that chat', () => {
    expect(
      removalOf(
        activity({
          type: 'installationUpdate',
          action: 'remove',
          conversation: { id: 'a:1abcPersonal', conversationType: 'personal' },
          channelData: { tenant: { id: 'tenant' } },
        }),
      ),
    ).toEqual({ kind: 'personal', conversationId: 'a:1abcPersonal' });
  });

  it('is nothing for a soft-deleted team: `teamRestored` brings it back, bot and all', () => {
    for (const eventType of ['teamDeleted', 'teamRestored']) {
      expect(
        removalOf(
          activity({
            type: 'conversationUpdate',
            conversation: { id: TEAM, conversationType: 'channel' },
            channelData: team(eventType),
          }),
        ),
      ).toBeUndefined();
    }
  });

  it('keeps the channel of a reply in a thread, not the thread', () => {
    expect(
      removalOf(
        activity({
          type: 'conversationUpdate',
          conversation: { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel' },
          membersRemoved: [{ id: BOT }],
        }),
      ),
    ).toEqual({ kind: 'conversations', conversationIds: [CHANNEL, TEAM], teamId: TEAM });
  });

  it('is nothing for an upgrade, someone else leaving, other team events, or a message', () => {
    for (const other of [
      { type: 'installationUpdate', action: 'remove-upgrade' },
      { type: 'installationUpdate', action: 'add' },
      {
        type: 'conversationUpdate',
        membersRemoved: [{ id: '29:gone' }],
        channelData: team('teamMemberRemoved'),
      },
      { type: 'conversationUpdate', channelData: team('teamArchived') },
      { type: 'conversationUpdate', channelData: team('teamRenamed') },
      { type: 'conversationUpdate', channelData: 'not an object' },
      { type: 'message', text: 'hello' },
    ]) {
      expect(removalOf(activity(other))).toBeUndefined();
    }
  });
});
