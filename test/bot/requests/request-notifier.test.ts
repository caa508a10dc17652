import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { RequestCardCopy } from '../../../src/app/ports/request-card-store.ts';
import type { ConversationWriter } from '../../../src/bot/requests/conversation-writer.ts';
import { RequestNotifier } from '../../../src/bot/requests/request-notifier.ts';
import { MemoryConversationStore, MemoryRequestCardStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { approver, manager, pendingOperation } from '../../store/support/operation-fixtures.ts';
import { shownOn } from '../support/replies.ts';

const TENANT = 'tenant-1';

interface Written {
  conversationId: string;
  kind: 'update' | 'send';
  id?: string;
  text: string;
}

/** A channel that records what is written and refuses some conversations with a status. */
function fakeChannel(refuse: Record<string, number> = {}) {
  const written: Written[] = [];
  const writer: ConversationWriter = {
    continueConversation: async (reference, logic) => {
      const conversationId = (reference.conversation as { id: string }).id;
      const fail = () => {
        const status = refuse[conversationId];
        if (status !== undefined) {
          throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
        }
      };
      const context = {
        updateActivity: (activity: { id: string; attachments: { content: unknown }[] }) => {
          fail();
          const text = shownOn(activity.attachments[0]!.content).join('\n');
          written.push({ conversationId, kind: 'update', id: activity.id, text });
          return Promise.resolve();
        },
        sendActivity: (activity: { text: string }) => {
          fail();
          written.push({ conversationId, kind: 'send', text: activity.text });
          return Promise.resolve({ id: 'new' });
        },
      };
      await logic(context as unknown as TurnContext);
    },
  };
  return { writer, written };
}

const copy = (conversationId: string, activityId: string): RequestCardCopy => ({
  tenantId: TENANT,
  operationId: '',
  conversationId,
  activityId,
  reference: { conversation: { id: conversationId } },
  audience: 'approvers',
  refreshUserIds: ['29:patti'],
  postedAt: '2026-11-20T09:00:00.000Z',
});

async function setUp(refuse: Record<string, number> = {}) {
  const cards = new MemoryRequestCardStore();
  const conversations = new MemoryConversationStore();
  const logger = recordingLogger();
  const channel = fakeChannel(refuse);
  const notifier = new RequestNotifier({
    writer: channel.writer,
    cards,
    conversations,
    logger,
    retry: { sleep: () => Promise.resolve(), attempts: 2 },
  });
  const operation: StoredOperation = { ...pendingOperation(TENANT), requester: manager };
  for (const [conversationId, activityId] of [
    ['chat-megan', 'm-1'],
    ['chat-patti', 'p-1'],
  ] as const) {
    await cards.add({ ...copy(conversationId, activityId), operationId: operation.id });
  }
  await conversations.save({
    tenantId: TENANT,
    conversationId: 'chat-miriam',
    kind: 'personal',
    userId: manager.userId,
    reference: { conversation: { id: 'chat-miriam' } },
    updatedAt: '2026-11-20T09:00:00.000Z',
  });
  return { notifier, operation, written: channel.written, logger };
}

const approved = (operation: StoredOperation): StoredOperation => ({
  ...operation,
  state: 'approved',
  decidedBy: approver,
});

describe('the request notifier', () => {
  it('redraws every copy and tells the requester, in the order the changes came', async () => {
    const { notifier, operation, written } = await setUp();
    await notifier.changed(approved(operation), 'pending');
    await notifier.changed({ ...approved(operation), state: 'succeeded' }, 'running');
    await notifier.drain();
    expect(written.map((w) => [w.conversationId, w.kind, w.id])).toEqual([
      ['chat-megan', 'update', 'm-1'],
      ['chat-patti', 'update', 'p-1'],
      ['chat-miriam', 'send', undefined],
      ['chat-megan', 'update', 'm-1'],
      ['chat-patti', 'update', 'p-1'],
      ['chat-miriam', 'send', undefined],
    ]);
    expect(written[0]!.text).toContain('Approved by Megan Bowen');
    expect(written[2]!.text).toContain('was approved by Megan Bowen');
    expect(written[5]!.text).toMatch(/^Done/);
  });

  it('answers at once: the caller never waits for Teams', async () => {
    const { notifier, operation, written } = await setUp();
    await notifier.changed(approved(operation), 'pending');
    expect(written).toEqual([]);
    await notifier.drain();
    expect(written).toHaveLength(3);
  });

  it('says nothing to the requester of a start, their own cancel, or an approver’s own request', async () => {
    const { notifier, operation, written } = await setUp();
    await notifier.changed({ ...approved(operation), state: 'running' }, 'approved');
    await notifier.changed({ ...operation, state: 'cancelled' }, 'pending');
    await notifier.changed({ ...operation, state: 'approved', autoApproved: true }, 'pending');
    await notifier.drain();
    expect(written.filter((w) => w.kind === 'send')).toEqual([]);
    expect(written.filter((w) => w.kind === 'update')).toHaveLength(6);
  });

  it('goes on past a copy that cannot be written, and logs it instead of throwing', async () => {
    const { notifier, operation, written, logger } = await setUp({ 'chat-megan': 403 });
    await expect(notifier.changed(approved(operation), 'pending')).resolves.toBeUndefined();
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-patti', 'chat-miriam']);
    const failed = logger.lines.filter((line) => line.message === 'could not redraw a card');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.fields).toMatchObject({ conversationId: 'chat-megan', status: 403 });
  });

  it('tries a busy conversation again, then gives up on it alone', async () => {
    const { notifier, operation, written, logger } = await setUp({ 'chat-patti': 429 });
    await notifier.changed(approved(operation), 'pending');
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan', 'chat-miriam']);
    expect(
      logger.lines.filter((line) => line.message === 'could not redraw a card yet: trying again'),
    ).toHaveLength(1);
  });
});
