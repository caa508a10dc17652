import { MessageFactory } from 'botbuilder';
import type {
  AlertCardWriter,
  AlertMessage,
  AlertWriteResult,
} from '../../app/ports/alert-card-writer.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { StoredConversation } from '../../app/ports/stores.ts';
import { writeInto, type ConversationWriter } from '../requests/conversation-writer.ts';
import {
  isRetryable,
  sendWithRetries,
  statusOf,
  type RetryOptions,
} from '../requests/retrying-send.ts';
import { alertMessageCard } from './alert-cards.ts';

export interface TeamsAlertWriterOptions {
  writer: ConversationWriter;
  logger: Logger;
  /** Waits and tries (429, 412, 502, 504 with `Retry-After`): see `sendWithRetries`. */
  retry: RetryOptions;
}

/**
 * Whether the Bot Connector said the bot is not in the conversation (removed) or that it is
 * gone: then the conversation is unsubscribed. Other 403s (an archived team, an app the admin
 * blocked) may pass: the alert is tried again later. The same rule as the approval cards'.
 */
function notInConversation(error: unknown): boolean {
  const status = statusOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (status === 403) {
    return code === 'BotNotInConversationRoster';
  }
  return status === 404 && (code === 'ConversationNotFound' || typeof code !== 'string');
}

/**
 * The bot's side of alerts (`AlertCardWriter`): draws an alert's card (or a summary) and posts
 * it into a subscribed conversation, or updates a posted one in place. Teams' per-conversation
 * limits are met by the monitor (a few messages a look, a summary past five) and by retrying a
 * 429 after `Retry-After`; a post is tried again only when Teams said it was not delivered.
 */
export class TeamsAlertWriter implements AlertCardWriter {
  readonly #options: TeamsAlertWriterOptions;

  constructor(options: TeamsAlertWriterOptions) {
    this.#options = options;
  }

  post(conversation: StoredConversation, message: AlertMessage): Promise<AlertWriteResult> {
    const card = alertMessageCard(message);
    return this.#send(conversation, 'post an alert card', true, async () =>
      writeInto(this.#options.writer, conversation.reference, async (context) => {
        return (await context.sendActivity(MessageFactory.attachment(card)))?.id;
      }),
    );
  }

  update(
    conversation: StoredConversation,
    activityId: string,
    message: AlertMessage,
  ): Promise<AlertWriteResult> {
    const card = alertMessageCard(message);
    return this.#send(conversation, 'update an alert card', false, async () => {
      await writeInto(this.#options.writer, conversation.reference, async (context) => {
        await context.updateActivity({ ...MessageFactory.attachment(card), id: activityId });
      });
      return activityId;
    });
  }

  async #send(
    conversation: StoredConversation,
    what: string,
    postsNew: boolean,
    send: () => Promise<string | undefined>,
  ): Promise<AlertWriteResult> {
    const log = this.#options.logger.child({ conversationId: conversation.conversationId });
    try {
      const activityId = await sendWithRetries(send, {
        ...this.#options.retry,
        postsNew,
        onRetry: (retry) => log.info(retry, `alerts: could not ${what} yet: trying again`),
      });
      return activityId === undefined ? { outcome: 'done' } : { outcome: 'done', activityId };
    } catch (error) {
      if (notInConversation(error)) {
        return { outcome: 'gone' };
      }
      const later = isRetryable(error, postsNew);
      log.error(
        { err: error, status: statusOf(error) },
        later
          ? `alerts: could not ${what}: trying again on the next look`
          : `alerts: could not ${what}`,
      );
      return later ? { outcome: 'later' } : { outcome: 'failed' };
    }
  }
}
