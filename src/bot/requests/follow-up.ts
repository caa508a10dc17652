import { runOperation } from '../../app/requests/run-operation.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { CommandTurn } from '../routing/command.ts';
import { approvalCard } from './approval-card.ts';

/** The requester's notice for an operation's state, in plain words. */
export function noticeFor(operation: StoredOperation): string {
  const what = `"${operation.summary}"`;
  const by = operation.decidedBy?.displayName ?? 'an approver';
  const failures = operation.items
    .filter((item) => item.state === 'failed')
    .map((item) => `${item.displayName}: ${item.failure?.message ?? item.note ?? 'failed'}`);
  switch (operation.state) {
    case 'approved':
      return `Your request ${what} was approved by ${by}. I'm carrying it out now.`;
    case 'rejected':
      return `Your request ${what} was rejected by ${by}: ${operation.rejectionReason ?? ''}`;
    case 'succeeded':
      return `Done: ${what}.`;
    case 'partiallyFailed':
      return `Partly done: ${what}. Not done for ${failures.join('; ')}`;
    case 'failed':
      return `Not done: ${what}. ${failures.join('; ')}`;
    default:
      return `Your request ${what} is now ${operation.state}.`;
  }
}

/** Tells the requester in their personal chat, when the bot has one with them. */
export async function notifyRequester(turn: CommandTurn, operation: StoredOperation) {
  const chat = await turn.deps.conversations.findPersonal(
    operation.tenantId,
    operation.requester.userId,
  );
  if (!chat) {
    turn.deps.logger.warn({ operationId: operation.id }, 'requester has no personal chat');
    return;
  }
  await turn.outbox.say(chat.reference, noticeFor(operation));
}

/**
 * After the answer: tells the requester it was approved (when a person approved it), runs the approved operation against Graph, redraws the clicked card (when
 * there is one) with each user's result, and tells the requester how it ended.
 */
export function runAfterAnswer(
  turn: CommandTurn,
  operationId: string,
  approved?: StoredOperation,
): void {
  const { place, outbox, deps, caller } = turn;
  outbox.later('running an approved request', async () => {
    if (approved) {
      // First the decision, so the requester hears "approved" even if the run takes a while.
      await notifyRequester(turn, approved);
    }
    const finished = await runOperation(deps.requests, caller.tenantId, operationId);
    if (!finished) {
      return;
    }
    if (place.clickedActivityId) {
      await outbox.update(place.reference, place.clickedActivityId, approvalCard(finished, {}));
    }
    await notifyRequester(turn, finished);
  });
}
