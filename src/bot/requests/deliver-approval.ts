import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import type { CommandTurn } from '../routing/command.ts';
import { approvalCard } from './approval-card.ts';
import { approverChats, teamsUserIdOf } from './approver-chats.ts';
import { postCardCopy } from './card-copies.ts';

/** Where the approval card went, in the requester's words. */
export type Delivery =
  { kind: 'channel' } | { kind: 'personal'; count: number } | { kind: 'nowhere' };

/**
 * Posts the approval card to the approvers' conversation set with `approvals here`; when none
 * is set (or it is gone), to each approver's personal chat with the bot where there is one.
 * Every copy is recorded, so that each later change of the request redraws it.
 */
export async function deliverApprovalCard(
  turn: CommandTurn,
  operation: StoredOperation,
  impact: Impact,
  reasons: string[],
): Promise<Delivery> {
  const { deps, caller } = turn;
  const chats = await approverChats(turn);
  const refreshUserIds = chats.flatMap((chat) => {
    const id = teamsUserIdOf(chat);
    return id && chat.userId !== operation.requester.userId ? [id] : [];
  });
  const card = approvalCard(operation, { impact, reasons, refreshUserIds });
  const channel = await deps.requests.approvalChannels.get(caller.tenantId);
  const where = channel
    ? await deps.conversations.get(caller.tenantId, channel.value.conversationId)
    : null;
  const copy = { audience: 'approvers' as const, refreshUserIds };
  if (where) {
    await postCardCopy(turn, operation, where, card, copy);
    return { kind: 'channel' };
  }
  const others = chats.filter((chat) => chat.userId !== operation.requester.userId);
  for (const chat of others) {
    await postCardCopy(turn, operation, chat, card, copy);
  }
  return others.length === 0 ? { kind: 'nowhere' } : { kind: 'personal', count: others.length };
}
