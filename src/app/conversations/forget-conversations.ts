import type { AlertSubscriptionStore } from '../ports/alert-subscription-store.ts';
import type { ApprovalChannelStore } from '../ports/approval-channel-store.ts';
import type { ChangeNoticeStore } from '../ports/change-notice-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { OperationStore, StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type ConversationStore } from '../ports/stores.ts';
import { operationsToSweep } from '../requests/operations-to-sweep.ts';

/**
 * What forgetting works with: the stored conversations, the approvers' channel setting, and the
 * pending requests with their change notices (whose approvers' copies go out again).
 */
export interface ForgetDependencies {
  conversations: ConversationStore;
  approvalChannels: ApprovalChannelStore;
  operations: OperationStore;
  notices: ChangeNoticeStore;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /** Alert subscriptions: a conversation forgotten gets no more alerts (none when absent). */
  alertSubscriptions?: Pick<AlertSubscriptionStore, 'list' | 'unsubscribe'>;
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

/** What was forgotten: the stored conversations, and whether the approvers' channel was cleared. */
export interface Forgotten {
  conversationIds: string[];
  approvalChannelCleared: boolean;
}

// Each try re-reads the setting; it only fails when `approvals here` keeps moving it meanwhile.
const CLEAR_ATTEMPTS = 3;

/**
 * Forgets conversations the bot was removed from. When the approvers' channel is one of them,
 * the setting is cleared (logged at warn, once: by whichever event cleared it): approval cards
 * then go to the approvers' personal chats (`approvalTargets`), and requesters are told so,
 * until `approvals here` is typed again. The requests already pending there are posted again to
 * those chats (see `repostPendingApprovals`), so none is stranded in a channel nobody sees.
 */
export async function forgetConversations(
  deps: ForgetDependencies,
  gone: GoneConversations,
): Promise<Forgotten> {
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
  const goneIds = new Set([...forgotten, ...gone.conversationIds]);
  await unsubscribeAlerts(deps, gone, goneIds);
  const current = await deps.approvalChannels.get(tenantId);
  if (current === null || !goneIds.has(current.value.conversationId)) {
    return { conversationIds: [...forgotten], approvalChannelCleared: false };
  }
  // Marked before the setting is cleared: if this process dies in between, the setting is still
  // there, and the next card Teams refuses in that channel comes back here. (Marks made twice,
  // by two of Teams' events for one removal, post nothing twice: posted copies are skipped.)
  await repostPendingApprovals(deps, tenantId);
  const cleared = await clearApprovalChannel(deps, gone, goneIds);
  return { conversationIds: [...forgotten], approvalChannelCleared: cleared };
}

/**
 * Unsubscribes the gone conversations from alerts by the same rule: the ids Teams named, those
 * forgotten, and every channel of the team the bot left. A failure is logged, never thrown: the
 * monitor unsubscribes a conversation Teams refuses a card in anyway.
 */
async function unsubscribeAlerts(
  deps: ForgetDependencies,
  gone: GoneConversations,
  goneIds: ReadonlySet<string>,
): Promise<void> {
  const alerts = deps.alertSubscriptions;
  if (alerts === undefined) {
    return;
  }
  try {
    const subscribed = await alerts.list(gone.tenantId);
    const leaving = subscribed.filter(
      (s) =>
        goneIds.has(s.conversationId) || (gone.teamId !== undefined && s.teamId === gone.teamId),
    );
    for (const subscription of leaving) {
      await alerts.unsubscribe(gone.tenantId, subscription.conversationId);
    }
    if (leaving.length > 0) {
      deps.logger.info(
        {
          tenantId: gone.tenantId,
          conversationIds: leaving.map((s) => s.conversationId),
          why: gone.why,
        },
        'alerts: conversations the bot was removed from are unsubscribed',
      );
    }
  } catch (error) {
    deps.logger.error(
      { err: error, tenantId: gone.tenantId },
      'alerts: could not unsubscribe a gone conversation',
    );
  }
}

/** True only for the call that cleared it: Teams sends several events for one removal. */
async function clearApprovalChannel(
  deps: ForgetDependencies,
  gone: GoneConversations,
  conversationIds: ReadonlySet<string>,
): Promise<boolean> {
  for (let attempt = 1; attempt <= CLEAR_ATTEMPTS; attempt += 1) {
    const current = await deps.approvalChannels.get(gone.tenantId);
    if (current === null || !conversationIds.has(current.value.conversationId)) {
      return false;
    }
    try {
      if (!(await deps.approvalChannels.clear(gone.tenantId, current.etag))) {
        return false;
      }
      deps.logger.warn(
        {
          tenantId: gone.tenantId,
          conversationId: current.value.conversationId,
          setBy: current.value.setBy.userId,
          why: gone.why,
        },
        "approvers' channel cleared: the bot can no longer post there, approval cards go to the approvers' personal chats",
      );
      return true;
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
  return false;
}

/**
 * Marks the approvers' copies of every pending request of the tenant due again: the telling
 * (the tell job) posts one into each approver target with no recorded copy, now the approvers'
 * personal chats. What was told of each request is kept. A failure is logged, never thrown: the
 * channel is forgotten either way.
 */
async function repostPendingApprovals(deps: ForgetDependencies, tenantId: string): Promise<void> {
  let pending: StoredOperation[];
  try {
    pending = await operationsToSweep(deps.operations, { tenantIds: [tenantId], state: 'pending' });
  } catch (error) {
    // The setting is cleared already, so no later removal event comes back here: say it loudly.
    deps.logger.error(
      { err: error, tenantId },
      "could not list the pending requests to post them again to the approvers' chats: they stay in the channel until they expire",
    );
    return;
  }
  const at = deps.clock.now().toISOString();
  let failed = 0;
  for (const operation of pending) {
    try {
      await deps.notices.expectApprovalsAgain(tenantId, operation.id, operation.events.length, at);
    } catch (error) {
      failed += 1;
      deps.logger.error(
        { err: error, operationId: operation.id },
        "could not post a pending request again to the approvers' chats",
      );
    }
  }
  if (pending.length > 0) {
    deps.logger.info(
      { tenantId, pending: pending.length, failed },
      "pending requests to be posted again to the approvers' chats",
    );
  }
}
