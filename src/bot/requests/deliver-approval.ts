import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { StoredConversation } from '../../app/ports/stores.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import type { CommandTurn } from '../routing/command.ts';
import { approvalCard } from './approval-card.ts';
import { approverChats, teamsUserIdOf } from './approver-chats.ts';
import { postCardCopy } from './card-copies.ts';

/** Where the approval card goes, in the requester's words. */
export type Delivery =
  { kind: 'channel' } | { kind: 'personal'; count: number } | { kind: 'nowhere' };

/** Where the approval cards go, known in the turn; `post` writes them, after the answer. */
export interface ApprovalDelivery {
  delivery: Delivery;
  post(): Promise<void>;
}

/**
 * Works out where the approval card goes: the approvers' conversation set with `approvals
 * here`; when none is set (or it is gone), each approver's personal chat with the bot where
 * there is one. Only reads: the posts (up to 60) are `post`'s, which the caller runs after the
 * answer, so the requester is never kept waiting on Teams (and never clicks Send again).
 */
export async function planApprovalDelivery(
  turn: CommandTurn,
  operation: StoredOperation,
  impact: Impact,
  reasons: string[],
): Promise<ApprovalDelivery> {
  const { deps, caller } = turn;
  const chats = await approverChats(turn);
  const refreshUserIds = chats.flatMap((chat) => {
    const id = teamsUserIdOf(chat);
    return id && chat.userId !== operation.requester.userId ? [id] : [];
  });
  const channel = await deps.requests.approvalChannels.get(caller.tenantId);
  const where = channel
    ? await deps.conversations.get(caller.tenantId, channel.value.conversationId)
    : null;
  const targets = where
    ? [where]
    : chats.filter((chat) => chat.userId !== operation.requester.userId);
  const delivery: Delivery = where
    ? { kind: 'channel' }
    : targets.length === 0
      ? { kind: 'nowhere' }
      : { kind: 'personal', count: targets.length };
  return {
    delivery,
    post: () => postCopies(turn, operation.id, targets, { impact, reasons, refreshUserIds }),
  };
}

/**
 * Posts the approval card into each conversation and records every copy, so each later change of
 * the request redraws it. Drawn from the request as stored now: one decided meanwhile (a
 * requester's cancel) gets no approval cards at all.
 */
async function postCopies(
  turn: CommandTurn,
  operationId: string,
  targets: StoredConversation[],
  drawing: { impact: Impact; reasons: string[]; refreshUserIds: string[] },
): Promise<void> {
  const { deps, caller } = turn;
  const current = await deps.requests.operations.get(caller.tenantId, operationId);
  if (!current || current.value.state !== 'pending') {
    deps.logger.info(
      { operationId, state: current?.value.state },
      'request no longer pending: no approval cards posted',
    );
    return;
  }
  const card = approvalCard(current.value, drawing);
  const copy = { audience: 'approvers' as const, refreshUserIds: drawing.refreshUserIds };
  for (const target of targets) {
    await postCardCopy(turn, current.value, target, card, copy);
  }
}
