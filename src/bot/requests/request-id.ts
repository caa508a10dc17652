import { createHash } from 'node:crypto';
import type { CommandTurn } from '../routing/command.ts';

/**
 * The id of the request that one thing the caller did asks for: the same for the same form
 * message, the same message, the same button on the same card, each time it reaches the bot.
 * Asked again (a second click while Teams waited for the first, a message Teams delivered twice
 * because the bot was slow to answer), the id is taken and the request is not made twice. Made
 * from the tenant, the caller and the conversation too, so nobody else's request can share it.
 * UUID-shaped, as Cosmos ids and the cards expect.
 */
export function requestIdFor(
  { caller, place }: Pick<CommandTurn, 'caller' | 'place'>,
  askedWith: readonly string[],
): string {
  const hex = createHash('sha256')
    .update([caller.tenantId, caller.userId, place.conversationId, ...askedWith].join('\n'))
    .digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/**
 * The id of a typed request (or one a card button asks for as typed), or none for a turn that
 * carries no id to make it from (Teams always sends one): a new id is made then.
 *
 * A message's own id is the same when Teams delivers it again, and another message's differs even
 * for the same text. A click on a card is keyed like the form's Send: the card's message and the
 * request the button stands for, so a second click on it shows the request the first one made,
 * while the other buttons of that card still make their own.
 */
export function typedRequestId(turn: CommandTurn, text: string): string | undefined {
  const { place } = turn;
  if (place.isClick && place.clickedActivityId !== undefined) {
    return requestIdFor(turn, [place.clickedActivityId, text]);
  }
  return place.activityId === undefined ? undefined : requestIdFor(turn, [place.activityId]);
}
