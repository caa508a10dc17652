import { MessageFactory, type Attachment } from 'botbuilder';
import type { GoneConversations } from '../../app/conversations/forget-conversations.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { ApprovalDrawing } from '../../app/ports/operation-notifier.ts';
import type { OperationStore, StoredOperation } from '../../app/ports/operation-store.ts';
import type { CardWriting, RequestCardWriter } from '../../app/ports/request-card-writer.ts';
import type { RequestCardCopy, RequestCardStore } from '../../app/ports/request-card-store.ts';
import type { ConversationStore, StoredConversation } from '../../app/ports/stores.ts';
import type { Sku } from '../../domain/licensing.ts';
import { approvalCard, showsFailures } from './approval-card.ts';
import { writeInto, type ConversationWriter } from './conversation-writer.ts';
import type { ApprovalTargets } from './deliver-approval.ts';
import { ProgressPacer, type ProgressPace } from './progress-pacer.ts';
import { redrawProgress, type ProgressRedrawDeps } from './progress-redraw.ts';
import { noticeFor } from './request-notices.ts';
import { isRetryable, sendWithRetries, statusOf, type RetryOptions } from './retrying-send.ts';

export interface TeamsCardWriterOptions {
  writer: ConversationWriter;
  cards: RequestCardStore;
  conversations: ConversationStore;
  /** The operations as stored, read again around a progress redraw. */
  operations: Pick<OperationStore, 'get'>;
  clock: Clock;
  logger: Logger;
  retry: RetryOptions;
  /** The tenant's SKUs, to name products and plans on the fix buttons of failed users. */
  skus?: (tenantId: string) => Promise<readonly Sku[]>;
  /** Where a new request's approvers' copies go (`approvalTargets`); without it, nowhere. */
  approvers?: (operation: StoredOperation) => Promise<ApprovalTargets>;
  /**
   * Forgets conversations (`forgetConversations`), when Teams says the bot is no longer in the
   * approvers' channel (403, 404); without it, such a post is only logged.
   */
  forgetConversations?: (gone: GoneConversations, log: Logger) => Promise<unknown>;
  /** How often a run's progress may be redrawn (`ProgressPacer`); by default every 5 s a copy. */
  progressPace?: Partial<ProgressPace>;
}

/**
 * Whether the Bot Connector said the bot is not in the conversation (removed from it) or that
 * the conversation is gone. Other 403s — an archived team, moderation, an app the admin blocked —
 * are not: the channel may work again, so it is kept and the post is left for a later telling.
 */
function notInConversation(error: unknown): boolean {
  const status = statusOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (status === 403) {
    return code === 'BotNotInConversationRoster';
  }
  return status === 404 && (code === 'ConversationNotFound' || typeof code !== 'string');
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

const keyOf = (operation: StoredOperation) => `${operation.tenantId}/${operation.id}`;

/**
 * The bot's side of notifying a request change (`RequestCardWriter`), called by the notifier of
 * `app/notices`: each recorded copy of the approval card is redrawn in place, the approvers'
 * copies of a new request are posted (and recorded), and the requester is told in their personal
 * chat. Writes are retried when Teams is busy; one that still fails is logged, the others go on,
 * and what can be written again later (a redraw, a notice or post Teams refused as busy) is
 * answered false, for the job. While a request runs, its checkpoints redraw the copies with its
 * progress, paced well within Teams' limits and never after it has ended (`progress-redraw.ts`).
 */
export class TeamsCardWriter implements RequestCardWriter {
  readonly #options: TeamsCardWriterOptions;
  readonly #pacer: ProgressPacer;
  // What a progress redraw works with (`progress-redraw.ts`).
  readonly #progressRedraw: ProgressRedrawDeps;

  constructor(options: TeamsCardWriterOptions) {
    this.#options = options;
    this.#pacer = new ProgressPacer(options.progressPace);
    this.#progressRedraw = {
      operations: options.operations,
      cards: options.cards,
      pacer: this.#pacer,
      logger: options.logger,
      now: () => this.#now(),
      // No SKUs: a running operation's card lists no failed users (its items settle elsewhere).
      draw: (operation, copy) => this.#update(copy, cardFor(operation, copy)),
      redraw: async (operation, copies, log) => {
        const skus = await this.#skusFor(operation, log);
        for (const copy of copies) {
          await this.#redrawCopy(operation, copy, skus, log);
        }
      },
    };
  }

  progressDue(operation: StoredOperation): boolean {
    return this.#pacer.begin(keyOf(operation), this.#now());
  }

  redrawProgress(operation: StoredOperation): Promise<void> {
    const target = { tenantId: operation.tenantId, operationId: operation.id };
    return redrawProgress(this.#progressRedraw, keyOf(operation), target);
  }

  progressOver(operation: StoredOperation): void {
    this.#pacer.forget(keyOf(operation));
  }

  /** Redraws every copy; false when one could not be and may be later (Teams busy). */
  async redrawCards(operation: StoredOperation, writing: CardWriting): Promise<boolean> {
    const { log } = writing;
    const copies = await this.#options.cards.list(operation.tenantId, operation.id);
    const skus = await this.#skusFor(operation, log);
    let all = true;
    for (const copy of copies) {
      await writing.keepClaim();
      const done = await this.#redrawCopy(operation, copy, skus, log);
      all &&= done;
    }
    return all;
  }

  /** Redraws one copy as the operation is now, with retries; false when it may work later. */
  #redrawCopy(
    operation: StoredOperation,
    copy: RequestCardCopy,
    skus: readonly Sku[] | undefined,
    log: Logger,
  ): Promise<boolean> {
    const card = cardFor(operation, copy, skus);
    return this.#send(log.child({ conversationId: copy.conversationId }), 'redraw a card', () =>
      this.#update(copy, card),
    );
  }

  /** One update of a copy in place, noted so progress keeps its distance from it. */
  async #update(copy: RequestCardCopy, card: Attachment): Promise<void> {
    await writeInto(this.#options.writer, copy.reference, async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(card), id: copy.activityId });
    });
    this.#pacer.wrote(copy.conversationId, this.#now());
  }

  #now(): number {
    return this.#options.clock.now().getTime();
  }

  /**
   * Posts the approvers' copies of a pending request into each conversation that has none
   * recorded yet (a notification cut short posted some), recording each. False when a post may
   * work later (Teams busy): the job posts the rest.
   */
  async postApprovalCards(
    operation: StoredOperation,
    drawing: ApprovalDrawing,
    writing: CardWriting,
  ): Promise<boolean> {
    if (!this.#options.approvers) {
      return true;
    }
    const { targets, refreshUserIds } = await this.#options.approvers(operation);
    const posted = new Set(
      (await this.#options.cards.list(operation.tenantId, operation.id))
        .filter((copy) => copy.audience === 'approvers')
        .map((copy) => copy.conversationId),
    );
    const card = approvalCard(operation, { ...drawing, refreshUserIds });
    let all = true;
    for (const target of targets.filter((where) => !posted.has(where.conversationId))) {
      await writing.keepClaim();
      // Every approver gets their copy now, even after one could not be posted.
      const copyPosted = await this.#postCopy(operation, target, card, refreshUserIds, writing.log);
      all &&= copyPosted;
    }
    return all;
  }

  async #postCopy(
    operation: StoredOperation,
    target: StoredConversation,
    card: Attachment,
    refreshUserIds: string[],
    log: Logger,
  ): Promise<boolean> {
    let activityId: string | undefined;
    let gone = false;
    const where = log.child({ conversationId: target.conversationId });
    const done = await this.#send(
      where,
      'post an approval card',
      async () => {
        try {
          activityId = await writeInto(this.#options.writer, target.reference, async (context) => {
            return (await context.sendActivity(MessageFactory.attachment(card)))?.id;
          });
        } catch (error) {
          gone = notInConversation(error);
          throw error;
        }
      },
      { postsNew: true },
    );
    if (gone && target.kind !== 'personal' && this.#options.forgetConversations) {
      // The bot was removed from the approvers' channel and the event was missed: forget it,
      // and leave this request's copies untold, so the next telling (the job) posts them to the
      // approvers' personal chats, where `approvalTargets` now sends them; forgetting marks the
      // other pending requests' copies due again too.
      await this.#forgetGone(operation, target, this.#options.forgetConversations, where);
      return false;
    }
    if (activityId === undefined) {
      if (done) {
        where.warn('no approval card id to record: it will not be redrawn');
      }
      return done;
    }
    try {
      await this.#options.cards.add({
        tenantId: operation.tenantId,
        operationId: operation.id,
        conversationId: target.conversationId,
        activityId,
        reference: target.reference,
        audience: 'approvers',
        refreshUserIds,
        postedAt: this.#options.clock.now().toISOString(),
      });
    } catch (error) {
      where.warn({ err: error }, 'could not record where an approval card went: not redrawn');
    }
    return true;
  }

  /** Forgets a conversation Teams says the bot is not in; a store failure is only logged. */
  async #forgetGone(
    operation: StoredOperation,
    target: StoredConversation,
    forgetConversations: NonNullable<TeamsCardWriterOptions['forgetConversations']>,
    log: Logger,
  ): Promise<void> {
    try {
      await forgetConversations(
        {
          tenantId: operation.tenantId,
          conversationIds: [target.conversationId],
          why: 'Teams refused an approval card: the bot is not in that conversation',
        },
        log,
      );
    } catch (error) {
      log.error({ err: error }, 'could not forget a conversation the bot is not in');
    }
  }

  /** The SKUs to name fix buttons with, when the card shows failures; none if unreadable. */
  async #skusFor(operation: StoredOperation, log: Logger): Promise<readonly Sku[] | undefined> {
    if (!this.#options.skus || !showsFailures(operation)) {
      return undefined;
    }
    try {
      return await this.#options.skus(operation.tenantId);
    } catch (error) {
      log.warn({ err: error }, 'could not read the SKUs to name the fix buttons');
      return undefined;
    }
  }

  /** Tells the requester of one event; false when it could not be and may be later. */
  async notifyRequester(operation: StoredOperation, writing: CardWriting): Promise<boolean> {
    const { log } = writing;
    const notice = noticeFor(operation);
    if (notice === undefined) {
      return true;
    }
    let chat: StoredConversation | null;
    try {
      chat = await this.#options.conversations.findPersonal(
        operation.tenantId,
        operation.requester.userId,
      );
    } catch (error) {
      log.error({ err: error }, "could not read the requester's chat: told later");
      return false;
    }
    if (!chat) {
      log.warn('requester has no personal chat with the bot: not told');
      return true;
    }
    await writing.keepClaim();
    return this.#send(
      log,
      'tell the requester',
      () =>
        writeInto(this.#options.writer, chat.reference, async (context) => {
          await context.sendActivity(MessageFactory.text(notice));
        }),
      { postsNew: true },
    );
  }

  /**
   * One send with retries; its failure is logged. True when done, or when sending again could
   * never help or could show it twice (the message is gone, a post that may have gone in); false
   * when Teams said it was not delivered for now, so the job tries again.
   */
  async #send(
    log: Logger,
    what: string,
    send: () => Promise<unknown>,
    how: { postsNew?: boolean } = {},
  ): Promise<boolean> {
    try {
      await sendWithRetries(send, {
        ...this.#options.retry,
        ...how,
        onRetry: (retry) => log.info(retry, `could not ${what} yet: trying again`),
      });
      return true;
    } catch (error) {
      const later = isRetryable(error, how.postsNew === true);
      log.error(
        { err: error, status: statusOf(error) },
        later ? `could not ${what}: trying again later` : `could not ${what}`,
      );
      return !later;
    }
  }
}
