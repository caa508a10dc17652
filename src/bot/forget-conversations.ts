import type { ApprovalChannelStore } from '../app/ports/approval-channel-store.ts';
import type { Logger } from '../app/ports/logger.ts';
import { ConcurrencyConflictError, type ConversationStore } from '../app/ports/stores.ts';

/** What forgetting works with: the stored conversations and the approvers' channel setting. */
export interface ForgetDependencies {
  conversations: ConversationStore;
  approvalChannels: ApprovalChannelStore;
  logger: Logger;
}

/** Conversations the bot can no longer write to, and why (for the log). */
export interface GoneConversations {
  tenantId: string;
  /** The conversations Teams named: forgotten, and matched against the approvers' channel. */
  conversationIds: readonly string[];
  /** The team the bot left: every channel saved with it is forgotten too. */
  teamId?: string;
  why: string;
}

// Each try re-reads the setting; it only fails when `approvals here` keeps moving it meanwhile.
const CLEAR_ATTEMPTS = 3;

/**
 * Forgets conversations the bot was removed from. When the approvers' channel is one of them,
 * the setting is cleared (logged at warn): approval cards then go to the approvers' personal
 * chats (`approvalTargets`), and requesters are told so, until `approvals here` is typed again.
 * Returns the ids of the stored conversations forgotten.
 */
export async function forgetConversations(
  deps: ForgetDependencies,
  gone: GoneConversations,
): Promise<string[]> {
  const { tenantId } = gone;
  const forgotten = new Set<string>();
  if (gone.teamId !== undefined) {
    for (const conversationId of await deps.conversations.removeTeam(tenantId, gone.teamId)) {
      forgotten.add(conversationId);
    }
  }
  for (const conversationId of gone.conversationIds) {
    if (await deps.conversations.remove(tenantId, conversationId)) {
      forgotten.add(conversationId);
    }
  }
  // The ids Teams named count even when nothing was stored under them now.
  await clearApprovalChannel(deps, gone, new Set([...forgotten, ...gone.conversationIds]));
  return [...forgotten];
}

async function clearApprovalChannel(
  deps: ForgetDependencies,
  gone: GoneConversations,
  conversationIds: ReadonlySet<string>,
): Promise<void> {
  for (let attempt = 1; attempt <= CLEAR_ATTEMPTS; attempt += 1) {
    const current = await deps.approvalChannels.get(gone.tenantId);
    if (current === null || !conversationIds.has(current.value.conversationId)) {
      return;
    }
    try {
      await deps.approvalChannels.clear(gone.tenantId, current.etag);
      deps.logger.warn(
        {
          tenantId: gone.tenantId,
          conversationId: current.value.conversationId,
          setBy: current.value.setBy.userId,
          why: gone.why,
        },
        "approvers' channel cleared: the bot can no longer post there, approval cards go to the approvers' personal chats",
      );
      return;
    } catch (error) {
      // Moved meanwhile (`approvals here` elsewhere): read again, it may be none of ours now.
      if (!(error instanceof ConcurrencyConflictError)) {
        throw error;
      }
    }
  }
  deps.logger.warn(
    { tenantId: gone.tenantId },
    "approvers' channel kept changing: not cleared, though the bot was removed from it",
  );
}
