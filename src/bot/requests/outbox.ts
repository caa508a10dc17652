import { setTimeout as sleep } from 'node:timers/promises';
import {
  MessageFactory,
  TurnContext,
  type Attachment,
  type ConversationReference,
} from 'botbuilder';
import type { Logger } from '../../app/ports/logger.ts';
import { writeInto, type ConversationWriter } from './conversation-writer.ts';
import { sendWithRetries } from './retrying-send.ts';
import { conversationIdOf, teamIdOf } from '../conversation-ids.ts';

/**
 * Writes outside the current reply: approval cards into the approvers' conversations, the
 * requester's status card (so its id is known), a line of text. Built per turn from the turn's
 * adapter and bot identity, so it works in both the anonymous and the authenticated mode. Later
 * changes are the notifier's (`request-notifier.ts`), which works outside any turn.
 */
export interface Outbox {
  /** Posts a card into a stored conversation; the new message's id. */
  post(reference: Record<string, unknown>, card: Attachment): Promise<string | undefined>;
  say(reference: Record<string, unknown>, text: string): Promise<void>;
  /** Runs work after this turn is answered (never inside an invoke); failures are logged. */
  later(what: string, work: () => Promise<void>): void;
}

/** Where this turn happens, as the channel stamped it. */
export interface TurnPlace {
  conversationId: string;
  conversationType: string;
  reference: Record<string, unknown>;
  /** A card button's click: the answer replaces the clicked card instead of being a new message. */
  isClick: boolean;
  /** The message a card button was clicked on. */
  clickedActivityId?: string;
  /** This turn's own activity id: Teams sends a message again under the same id when slow. */
  activityId?: string;
  /** In a team channel, the team (`channelData.team.id`): leaving the team forgets its channels. */
  teamId?: string;
  /** The sender's IANA time zone as Teams gives it (`localTimezone`): a typed time's zone. */
  timeZone?: string;
}

/** The place of a turn, from its activity. */
export function placeOf(context: TurnContext): TurnPlace {
  const activity = context.activity;
  const reference = TurnContext.getConversationReference(activity);
  const conversationId = conversationIdOf(activity);
  const teamId =
    activity.conversation.conversationType === 'channel' ? teamIdOf(activity) : undefined;
  return {
    conversationId,
    conversationType: activity.conversation.conversationType ?? 'personal',
    reference: JSON.parse(
      JSON.stringify({
        ...reference,
        conversation: { ...reference.conversation, id: conversationId },
      }),
    ) as Record<string, unknown>,
    isClick: activity.type === 'invoke',
    ...(activity.type === 'invoke' && activity.replyToId
      ? { clickedActivityId: activity.replyToId }
      : {}),
    ...(activity.id ? { activityId: activity.id } : {}),
    ...(teamId !== undefined ? { teamId } : {}),
    ...(typeof activity.localTimezone === 'string' && activity.localTimezone !== ''
      ? { timeZone: activity.localTimezone }
      : {}),
  };
}

/**
 * An outbox over the turn's adapter, writing as the bot this turn was addressed to. Every write
 * here posts a new message: a busy channel (429, 412) or a refused connection is tried again a
 * few times, briefly; a gateway timeout is not, as the message may have gone in.
 */
export function turnOutbox(context: TurnContext, logger: Logger): Outbox {
  const adapter = context.adapter;
  const identity: unknown = context.turnState.get(adapter.BotIdentityKey);
  const writer: ConversationWriter = {
    continueConversation: (reference, logic) => {
      const { activityId: _threadedUnder, ...conversation } =
        reference as Partial<ConversationReference>;
      return adapter.continueConversationAsync(
        identity as Parameters<typeof adapter.continueConversationAsync>[0],
        conversation,
        logic,
      );
    },
  };
  const send = <T>(
    reference: Record<string, unknown>,
    write: (inner: TurnContext) => Promise<T>,
  ): Promise<T> =>
    sendWithRetries(() => writeInto(writer, reference, write), {
      sleep: (ms) => sleep(ms),
      attempts: 3,
      maxDelayMs: 2_000,
      postsNew: true,
      onRetry: (retry) => logger.info(retry, 'the channel is busy: sending again'),
    });
  return {
    post: (reference, card) =>
      send(
        reference,
        async (inner) => (await inner.sendActivity(MessageFactory.attachment(card)))?.id,
      ),
    say: (reference, text) =>
      send(reference, async (inner) => {
        await inner.sendActivity(MessageFactory.text(text));
      }),
    later: (what, work) => {
      setImmediate(() => {
        work().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
      });
    },
  };
}
