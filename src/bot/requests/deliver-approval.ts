import type { ApprovalChannel } from '../../app/ports/approval-channel-store.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { StoredConversation } from '../../app/ports/stores.ts';
import type { BotDependencies } from '../dependencies.ts';
import { approverChats, teamsUserIdOf } from './approver-chats.ts';

/** Where the approval card goes, in the requester's words. */
export type Delivery =
  { kind: 'channel' } | { kind: 'personal'; count: number } | { kind: 'nowhere' };

/** Where the approvers' copies of a request go, and whom they refresh for. */
export interface ApprovalTargets {
  delivery: Delivery;
  targets: StoredConversation[];
  /** The approvers' Teams ids (not the requester's), for the card's `refresh.userIds`. */
  refreshUserIds: string[];
}

/**
 * Works out where the approval card goes: the approvers' conversation set with `approvals
 * here`; when none is set (or it is gone), each approver's personal chat with the bot where
 * there is one. Only reads: the turn tells the requester where it goes, and the notifier posts
 * the copies after the answer (or the job, after a crash), from the request's change notice.
 */
export async function approvalTargets(
  deps: Pick<BotDependencies, 'tenants' | 'conversations'> & {
    /** The conversation set with `approvals here`, if any. */
    approvalChannel(tenantId: string): Promise<ApprovalChannel | null>;
  },
  operation: StoredOperation,
): Promise<ApprovalTargets> {
  const { tenantId } = operation;
  const chats = await approverChats(deps, tenantId);
  const refreshUserIds = chats.flatMap((chat) => {
    const id = teamsUserIdOf(chat);
    return id && chat.userId !== operation.requester.userId ? [id] : [];
  });
  const channel = await deps.approvalChannel(tenantId);
  const where = channel ? await deps.conversations.get(tenantId, channel.conversationId) : null;
  const targets = where
    ? [where]
    : chats.filter((chat) => chat.userId !== operation.requester.userId);
  const delivery: Delivery = where
    ? { kind: 'channel' }
    : targets.length === 0
      ? { kind: 'nowhere' }
      : { kind: 'personal', count: targets.length };
  return { delivery, targets, refreshUserIds };
}
