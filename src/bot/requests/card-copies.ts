import type { Attachment } from 'botbuilder';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { RequestCardCopy } from '../../app/ports/request-card-store.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';

type NewCopy = Omit<RequestCardCopy, 'tenantId' | 'operationId' | 'postedAt'>;

/**
 * Keeps where a copy of a request's card went, so every later change redraws it. A copy that
 * cannot be recorded only stays as it is: the request itself goes on, so it is logged, not thrown.
 */
export async function recordCardCopy(
  { deps }: CommandTurn,
  operation: StoredOperation,
  copy: NewCopy,
): Promise<void> {
  try {
    await deps.requestCards.add({
      ...copy,
      tenantId: operation.tenantId,
      operationId: operation.id,
      postedAt: deps.clock.now().toISOString(),
    });
  } catch (error) {
    deps.logger.warn(
      { err: error, operationId: operation.id, conversationId: copy.conversationId },
      'could not record where a request card went: it will not be redrawn',
    );
  }
}

/**
 * Posts a copy of the card into a stored conversation and records it. A conversation the bot
 * cannot write to (removed from the team, still busy after retries) is logged: the other copies
 * and the request go on.
 */
export async function postCardCopy(
  turn: CommandTurn,
  operation: StoredOperation,
  where: { conversationId: string; reference: Record<string, unknown> },
  card: Attachment,
  copy: Pick<RequestCardCopy, 'audience' | 'refreshUserIds' | 'viewerUserId'>,
): Promise<void> {
  let activityId: string | undefined;
  try {
    activityId = await turn.outbox.post(where.reference, card);
  } catch (error) {
    turn.deps.logger.error(
      { err: error, operationId: operation.id, conversationId: where.conversationId },
      'could not post a request card',
    );
    return;
  }
  if (activityId === undefined) {
    turn.deps.logger.warn({ operationId: operation.id }, 'the channel gave no id for a card');
    return;
  }
  await recordCardCopy(turn, operation, { ...where, activityId, ...copy });
}

/**
 * Shows the requester their request's status card, as a copy that later changes redraw: a click
 * (a pick on a choice card) is answered with it in place of the clicked card; a typed request
 * gets it as a new message, posted so its id is known, and `text` as the turn's reply. Never
 * throws for a copy or a line Teams or the store refused (logged): the request is saved already.
 */
export async function showRequesterCard(
  turn: CommandTurn,
  operation: StoredOperation,
  card: Attachment,
  text: string,
): Promise<Reply> {
  const { place } = turn;
  const copy = { audience: 'requester' as const, viewerUserId: turn.caller.userId };
  if (place.isClick) {
    if (place.clickedActivityId !== undefined) {
      await recordCardCopy(turn, operation, {
        conversationId: place.conversationId,
        reference: place.reference,
        activityId: place.clickedActivityId,
        ...copy,
      });
    }
    try {
      await turn.outbox.say(place.reference, text);
    } catch (error) {
      // The request is saved and goes on: the card in place of the click still shows it.
      turn.deps.logger.error(
        { err: error, operationId: operation.id, conversationId: place.conversationId },
        'could not say what became of a request',
      );
    }
    return { card };
  }
  await postCardCopy(turn, operation, place, card, copy);
  return { text };
}

/**
 * Records the copy a decision was clicked on, when it is not known yet (a card posted before
 * copies were kept, or answered in place): the run's progress then redraws it too.
 */
export function recordClickedCopy(turn: CommandTurn, operation: StoredOperation): Promise<void> {
  const { place, caller } = turn;
  if (place.clickedActivityId === undefined) {
    return Promise.resolve();
  }
  const isRequester = caller.userId === operation.requester.userId;
  return recordCardCopy(turn, operation, {
    conversationId: place.conversationId,
    reference: place.reference,
    activityId: place.clickedActivityId,
    ...(isRequester
      ? { audience: 'requester' as const, viewerUserId: caller.userId }
      : { audience: 'approvers' as const }),
  });
}
