import { describe, expect, it } from 'vitest';
import { forgetConversations } from '../../../src/app/conversations/forget-conversations.ts';
import {
  MemoryApprovalChannelStore,
  MemoryChangeNoticeStore,
  MemoryOperationStore,
} from '../../../src/store/index.ts';
import { alertWorld, CHANNEL, TENANT } from './alert-world.ts';

async function subscribedWorld() {
  const world = alertWorld();
  const { alerts } = world.instance('instance-a');
  await world.subscribeChannel(alerts);
  await world.subscribeChannel(alerts, '19:other-channel@thread.tacv2');
  await world.stores.conversations.save({
    tenantId: TENANT,
    conversationId: '19:group-chat@thread.v2',
    kind: 'groupChat',
    reference: {},
    updatedAt: world.clock.now().toISOString(),
  });
  await alerts.subscribe(
    {
      tenantId: TENANT,
      userId: 'u-megan',
      displayName: 'Megan Bowen',
      userPrincipalName: 'meganb@contoso.com',
      role: 'approver',
    },
    { conversationId: '19:group-chat@thread.v2', kind: 'groupChat' },
  );
  const forget = (gone: Parameters<typeof forgetConversations>[1]) =>
    forgetConversations(
      {
        conversations: world.stores.conversations,
        approvalChannels: new MemoryApprovalChannelStore(),
        operations: new MemoryOperationStore(),
        notices: new MemoryChangeNoticeStore(),
        clock: world.clock,
        logger: world.logger,
        alertSubscriptions: world.stores.subscriptions,
      },
      gone,
    );
  const subscribed = async () =>
    (await world.stores.subscriptions.list(TENANT)).map((s) => s.conversationId);
  return { alerts, forget, subscribed };
}

describe('conversations License Desk is removed from', () => {
  it('get no more alerts: the group chat it was removed from is unsubscribed, the others stay', async () => {
    const { forget, subscribed } = await subscribedWorld();
    await forget({
      tenantId: TENANT,
      conversationIds: ['19:group-chat@thread.v2'],
      why: 'removed from the group chat',
    });
    expect(await subscribed()).toEqual([CHANNEL, '19:other-channel@thread.tacv2']);
  });

  it('get no more alerts in any channel of a team the bot left', async () => {
    const { forget, subscribed } = await subscribedWorld();
    await forget({
      tenantId: TENANT,
      conversationIds: ['19:team@thread.tacv2'],
      teamId: '19:team@thread.tacv2',
      why: 'uninstalled from the team',
    });
    expect(await subscribed()).toEqual(['19:group-chat@thread.v2']);
  });
});
