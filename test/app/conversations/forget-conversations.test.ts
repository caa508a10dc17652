import { describe, expect, it } from 'vitest';
import {
  forgetConversations,
  type ForgetDependencies,
} from '../../../src/app/conversations/forget-conversations.ts';
import type { StoredConversation } from '../../../src/app/ports/stores.ts';
import {
  MemoryApprovalChannelStore,
  MemoryChangeNoticeStore,
  MemoryConversationStore,
  MemoryOperationStore,
} from '../../../src/store/index.ts';
import { recordingLogger, type LogLine } from '../../support/recording-logger.ts';
import { approver, pendingOperation } from '../../store/support/operation-fixtures.ts';

const T = 'tenant-forget';
const TEAM = '19:team@thread.tacv2';
const APPROVALS = '19:approvals@thread.tacv2';
const NOW = new Date('2026-11-23T10:00:00.000Z');

const channel = (conversationId: string): StoredConversation => ({
  tenantId: T,
  conversationId,
  kind: 'channel',
  teamId: TEAM,
  reference: { conversation: { id: conversationId }, serviceUrl: 'https://smba.example/' },
  updatedAt: '2026-11-20T09:00:00.000Z',
});

async function world(): Promise<{ deps: ForgetDependencies; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const deps: ForgetDependencies = {
    conversations: new MemoryConversationStore(),
    approvalChannels: new MemoryApprovalChannelStore(),
    operations: new MemoryOperationStore(),
    notices: new MemoryChangeNoticeStore(),
    clock: { now: () => NOW },
    logger: recordingLogger(lines),
  };
  await deps.conversations.save(channel(TEAM));
  await deps.conversations.save(channel(APPROVALS));
  await deps.approvalChannels.set({
    tenantId: T,
    conversationId: APPROVALS,
    setBy: approver,
    setAt: '2026-11-20T09:00:00.000Z',
  });
  return { deps, lines };
}

const gone = { tenantId: T, conversationIds: [TEAM], teamId: TEAM, why: 'bot removed' };
const clearedLines = (lines: LogLine[]) =>
  lines.filter((line) => line.message.startsWith("approvers' channel cleared"));

describe('forgetting the conversations the bot was removed from', () => {
  it("marks every pending request's approvers' copies due again when the approvers' channel goes", async () => {
    const { deps } = await world();
    const pending = pendingOperation(T);
    const older = pendingOperation(T);
    await deps.operations.create(pending);
    await deps.operations.create(older);
    // Its copies were posted into the channel: nothing was left to tell.
    await deps.notices.expectApprovals(T, pending.id, '2026-11-20T09:00:00.000Z');
    const posted = (await deps.notices.get(T, pending.id))!;
    const { approvalsDue: _due, ...told } = posted.value;
    await deps.notices.replace(told, posted.etag);

    const forgotten = await forgetConversations(deps, gone);

    expect(forgotten.approvalChannelCleared).toBe(true);
    expect(forgotten.conversationIds.sort()).toEqual([APPROVALS, TEAM].sort());
    expect(await deps.approvalChannels.get(T)).toBeNull();
    for (const operation of [pending, older]) {
      expect((await deps.notices.get(T, operation.id))?.value).toMatchObject({
        approvalsDue: true,
        told: 0,
        updatedAt: NOW.toISOString(),
      });
    }
  });

  it('says it cleared the channel once, though Teams sends several events for one removal', async () => {
    const { deps, lines } = await world();
    const first = await forgetConversations(deps, gone);
    const second = await forgetConversations(deps, gone);
    expect([first.approvalChannelCleared, second.approvalChannelCleared]).toEqual([true, false]);
    expect(clearedLines(lines)).toHaveLength(1);
  });

  it('does not say it cleared the channel when another event cleared it meanwhile', async () => {
    const { deps, lines } = await world();
    const pending = pendingOperation(T);
    await deps.operations.create(pending);
    // The other event's clear lands between this one's read and its delete.
    const read = deps.approvalChannels.get.bind(deps.approvalChannels);
    deps.approvalChannels.get = async (tenantId) => {
      const current = await read(tenantId);
      if (current !== null) {
        await deps.approvalChannels.clear(tenantId, current.etag);
      }
      return current;
    };
    expect((await forgetConversations(deps, gone)).approvalChannelCleared).toBe(false);
    expect(clearedLines(lines)).toEqual([]);
    // Marked before clearing (so a crash in between loses nothing); a second mark by a second
    // event posts nothing twice: the telling skips chats that already have a copy.
    expect((await deps.notices.get(T, pending.id))?.value).toMatchObject({ approvalsDue: true });
  });

  it('marks the pending requests before clearing: if clearing fails, the setting stays for a retry', async () => {
    const { deps } = await world();
    const pending = pendingOperation(T);
    await deps.operations.create(pending);
    deps.approvalChannels.clear = () => Promise.reject(new Error('Cosmos is unavailable'));
    await expect(forgetConversations(deps, gone)).rejects.toThrow('Cosmos is unavailable');
    expect((await deps.notices.get(T, pending.id))?.value).toMatchObject({ approvalsDue: true });
    expect((await deps.approvalChannels.get(T))?.value.conversationId).toBe(APPROVALS);
  });

  it('leaves the pending requests alone when the approvers’ channel is elsewhere', async () => {
    const { deps } = await world();
    const pending = pendingOperation(T);
    await deps.operations.create(pending);
    const forgotten = await forgetConversations(deps, {
      ...gone,
      conversationIds: ['19:other@thread.tacv2'],
      teamId: '19:other-team@thread.tacv2',
    });
    expect(forgotten).toEqual({ conversationIds: [], approvalChannelCleared: false });
    expect((await deps.approvalChannels.get(T))?.value.conversationId).toBe(APPROVALS);
    expect(await deps.notices.get(T, pending.id)).toBeNull();
  });

  it('forgets the channel even when the pending requests cannot be listed or marked (logged)', async () => {
    const { deps, lines } = await world();
    const pending = pendingOperation(T);
    await deps.operations.create(pending);
    deps.notices.expectApprovalsAgain = () => Promise.reject(new Error('Cosmos is unavailable'));
    expect((await forgetConversations(deps, gone)).approvalChannelCleared).toBe(true);
    expect(lines.filter((line) => line.level === 'error')).toHaveLength(1);

    const again = await world();
    again.deps.operations.listForSweep = () => Promise.reject(new Error('Cosmos is unavailable'));
    expect((await forgetConversations(again.deps, gone)).approvalChannelCleared).toBe(true);
    expect(again.lines.filter((line) => line.level === 'error')).toHaveLength(1);
    expect(await again.deps.approvalChannels.get(T)).toBeNull();
  });
});
