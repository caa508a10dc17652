import {
  MessageFactory,
  TurnContext,
  type Attachment,
  type ConversationReference,
} from 'botbuilder';
import type { Logger } from '../../app/ports/logger.ts';

/**
 * Writes outside the current reply: approval cards into the approvers' conversation, updates of
 * a card after the run, notices in a requester's personal chat. Built per turn from the turn's
 * adapter and bot identity, so it works in both the anonymous and the authenticated mode.
 */
export interface Outbox {
  /** Posts a card into a stored conversation; the new message's id. */
  post(reference: Record<string, unknown>, card: Attachment): Promise<string | undefined>;
  /** Replaces a message the bot sent earlier. */
  update(reference: Record<string, unknown>, activityId: string, card: Attachment): Promise<void>;
  say(reference: Record<string, unknown>, text: string): Promise<void>;
  /** Runs work after this turn is answered (never inside an invoke); failures are logged. */
  later(what: string, work: () => Promise<void>): void;
}

/** Where this turn happens, as the channel stamped it. */
export interface TurnPlace {
  conversationId: string;
  conversationType: string;
  reference: Record<string, unknown>;
  /** The message a card button was clicked on. */
  clickedActivityId?: string;
}

/** The place of a turn, from its activity. */
export function placeOf(context: TurnContext): TurnPlace {
  const activity = context.activity;
  const reference = TurnContext.getConversationReference(activity);
  const conversationId = activity.conversation.id.split(';messageid=')[0]!;
  return {
    conversationId,
    conversationType: activity.conversation.conversationType ?? 'personal',
    reference: JSON.parse(
      JSON.stringify({
        ...reference,
        conversation: { ...reference.conversation, id: conversationId },
      }),
    ) as Record<string, unknown>,
    ...(activity.type === 'invoke' && activity.replyToId
      ? { clickedActivityId: activity.replyToId }
      : {}),
  };
}

/** An outbox over the turn's adapter, writing as the bot this turn was addressed to. */
export function turnOutbox(context: TurnContext, logger: Logger): Outbox {
  const adapter = context.adapter;
  const identity: unknown = context.turnState.get(adapter.BotIdentityKey);
  const continueIn = (
    reference: Record<string, unknown>,
    logic: (inner: TurnContext) => Promise<void>,
  ): Promise<void> => {
    const { activityId: _threadedUnder, ...conversation } =
      reference as Partial<ConversationReference>;
    return adapter.continueConversationAsync(
      identity as Parameters<typeof adapter.continueConversationAsync>[0],
      conversation,
      logic,
    );
  };
  return {
    post: async (reference, card) => {
      let id: string | undefined;
      await continueIn(reference, async (inner) => {
        id = (await inner.sendActivity(MessageFactory.attachment(card)))?.id;
      });
      return id;
    },
    update: (reference, activityId, card) =>
      continueIn(reference, async (inner) => {
        await inner.updateActivity({ ...MessageFactory.attachment(card), id: activityId });
      }),
    say: (reference, text) =>
      continueIn(reference, async (inner) => {
        await inner.sendActivity(MessageFactory.text(text));
      }),
    later: (what, work) => {
      setImmediate(() => {
        work().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
      });
    },
  };
}
