import { MessageFactory } from 'botbuilder';
import type { Logger } from '../../app/ports/logger.ts';
import type { OperationNotifier } from '../../app/ports/operation-notifier.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import { tellChanges, type TellDependencies } from '../../app/requests/tell-changes.ts';
import type { RequestCardCopy, RequestCardStore } from '../../app/ports/request-card-store.ts';
import type { ConversationStore } from '../../app/ports/stores.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { OperationEvent, OperationState } from '../../domain/operations/operation.ts';
import { approvalCard, showsFailures } from './approval-card.ts';
import { writeInto, type ConversationWriter } from './conversation-writer.ts';
import { noticeFor } from './request-notices.ts';
import { sendWithRetries, statusOf, type RetryOptions } from './retrying-send.ts';

export interface RequestNotifierOptions {
  writer: ConversationWriter;
  cards: RequestCardStore;
  conversations: ConversationStore;
  logger: Logger;
  retry: RetryOptions;
  /** The tenant's SKUs, to name products and plans on the fix buttons of failed users. */
  skus?: () => Promise<readonly Sku[]>;
  /** The operations and their change notices: what was told is kept, so nothing is lost. */
  telling: TellDependencies;
}

/** A copy drawn for whom it is for: approvers' buttons while pending, the requester's view. */
function cardFor(operation: StoredOperation, copy: RequestCardCopy, skus?: readonly Sku[]) {
  const named = skus ? { skus } : {};
  return copy.audience === 'requester'
    ? approvalCard(operation, {
        viewer: { userId: copy.viewerUserId ?? operation.requester.userId, isApprover: false },
        ...named,
      })
    : approvalCard(operation, { refreshUserIds: copy.refreshUserIds ?? [], ...named });
}

/**
 * The bot's side of every state change of a request, whoever made it (a click, the runner, the
 * expiry sweep): each recorded copy of the card is redrawn in place, and the requester is told in
 * their personal chat. What is told is kept on the operation's change notice (`tell-changes.ts`):
 * each change is told once, from the operation as stored now, and one a process died before
 * telling is told by the job. Changes of one request are told in order, one after the other, and
 * after the caller has moved on: a click is answered at once, never held up by Teams. Sends are
 * retried when Teams is busy; a copy that still fails is logged and the others go on.
 */
export class RequestNotifier implements OperationNotifier {
  readonly #options: RequestNotifierOptions;
  readonly #queues = new Map<string, Promise<void>>();

  constructor(options: RequestNotifierOptions) {
    this.#options = options;
  }

  changed(operation: StoredOperation, from: OperationState): Promise<void> {
    const key = `${operation.tenantId}/${operation.id}`;
    const before = this.#queues.get(key) ?? Promise.resolve();
    const next = before.then(() => this.#tellUntold(operation, from));
    this.#queues.set(key, next);
    void next.finally(() => {
      if (this.#queues.get(key) === next) {
        this.#queues.delete(key);
      }
    });
    return Promise.resolve();
  }

  /** Waits until every change told so far has been sent (for shutdown, and for tests). */
  async drain(): Promise<void> {
    while (this.#queues.size > 0) {
      await Promise.all(this.#queues.values());
    }
  }

  /**
   * Sends what `events` of the operation mean: every copy redrawn as the operation is now, and
   * the requester told of each event that has a notice. Throws only when the store cannot be read
   * (the copies, the requester's chat): then the events are told again later.
   */
  readonly send = async (operation: StoredOperation, events: OperationEvent[]): Promise<void> => {
    const log = this.#options.logger.child({
      operationId: operation.id,
      events: events.map((event) => event.to),
      state: operation.state,
    });
    await this.#redraw(operation, log);
    for (const event of events) {
      await this.#tellRequester({ ...operation, state: event.to }, log);
    }
  };

  async #tellUntold(operation: StoredOperation, from: OperationState): Promise<void> {
    try {
      await tellChanges(this.#options.telling, operation.tenantId, operation.id, this.send);
    } catch (error) {
      this.#options.logger.error(
        { err: error, operationId: operation.id, from, to: operation.state },
        'could not tell of a request change: the job tries again',
      );
    }
  }

  async #redraw(operation: StoredOperation, log: Logger): Promise<void> {
    const copies = await this.#options.cards.list(operation.tenantId, operation.id);
    const skus = await this.#skusFor(operation, log);
    for (const copy of copies) {
      const card = cardFor(operation, copy, skus);
      await this.#send(log.child({ conversationId: copy.conversationId }), 'redraw a card', () =>
        writeInto(this.#options.writer, copy.reference, async (context) => {
          await context.updateActivity({ ...MessageFactory.attachment(card), id: copy.activityId });
        }),
      );
    }
  }

  /** The SKUs to name fix buttons with, when the card shows failures; none if unreadable. */
  async #skusFor(operation: StoredOperation, log: Logger): Promise<readonly Sku[] | undefined> {
    if (!this.#options.skus || !showsFailures(operation)) {
      return undefined;
    }
    try {
      return await this.#options.skus();
    } catch (error) {
      log.warn({ err: error }, 'could not read the SKUs to name the fix buttons');
      return undefined;
    }
  }

  async #tellRequester(operation: StoredOperation, log: Logger): Promise<void> {
    const notice = noticeFor(operation);
    if (notice === undefined) {
      return;
    }
    const chat = await this.#options.conversations.findPersonal(
      operation.tenantId,
      operation.requester.userId,
    );
    if (!chat) {
      log.warn('requester has no personal chat with the bot: not told');
      return;
    }
    await this.#send(
      log,
      'tell the requester',
      () =>
        writeInto(this.#options.writer, chat.reference, async (context) => {
          await context.sendActivity(MessageFactory.text(notice));
        }),
      { postsNew: true },
    );
  }

  /** One send with retries; its failure is logged and goes no further. */
  async #send(
    log: Logger,
    what: string,
    send: () => Promise<unknown>,
    how: { postsNew?: boolean } = {},
  ): Promise<void> {
    try {
      await sendWithRetries(send, {
        ...this.#options.retry,
        ...how,
        onRetry: (retry) => log.info(retry, `could not ${what} yet: trying again`),
      });
    } catch (error) {
      log.error({ err: error, status: statusOf(error) }, `could not ${what}`);
    }
  }
}
