import { MessageFactory, type Attachment } from 'botbuilder';
import { forgetConversations } from '../../app/conversations/forget-conversations.ts';
import type { ApprovalChannelStore } from '../../app/ports/approval-channel-store.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { ApprovalDrawing, OperationNotifier } from '../../app/ports/operation-notifier.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import {
  tellChanges,
  type ChangeSender,
  type ChangeWork,
  type TellDependencies,
} from '../../app/notices/tell-changes.ts';
import type { RequestCardCopy, RequestCardStore } from '../../app/ports/request-card-store.ts';
import type { ConversationStore, StoredConversation } from '../../app/ports/stores.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { OperationState } from '../../domain/operations/operation.ts';
import { approvalCard, showsFailures } from './approval-card.ts';
import { writeInto, type ConversationWriter } from './conversation-writer.ts';
import type { ApprovalTargets } from './deliver-approval.ts';
import { ProgressPacer, type ProgressPace } from './progress-pacer.ts';
import { redrawProgress, type ProgressRedrawDeps } from './progress-redraw.ts';
import { noticeFor } from './request-notices.ts';
import { isRetryable, sendWithRetries, statusOf, type RetryOptions } from './retrying-send.ts';

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
  /** Where a new request's approvers' copies go (`approvalTargets`); without it, nowhere. */
  approvers?: (operation: StoredOperation) => Promise<ApprovalTargets>;
  /**
   * The approvers' channel setting: cleared when Teams says the bot is no longer in that
   * conversation (403, 404); without it, such a post is only logged.
   */
  approvalChannels?: ApprovalChannelStore;
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

/**
 * The bot's side of every state change of a request, whoever made it (a click, the runner, the
 * expiry sweep): each recorded copy of the card is redrawn in place, and the requester is told in
 * their personal chat. What is told is kept on the operation's change notice (`tell-changes.ts`):
 * each change is told once, from the operation as stored now, and one a process died before
 * telling is told by the job. Changes of one request are told in order, one after the other, and
 * after the caller has moved on: a click is answered at once, never held up by Teams. A new
 * pending request's approvers' copies are posted the same way, claimed on its notice, so the
 * live path and the job never both post them. Sends are retried when Teams is busy; one that
 * still fails is logged, the others go on, and what can be sent again later (a redraw, a notice
 * or post Teams refused as busy) is left untold for the job. While a request runs, its
 * checkpoints redraw the copies with its progress, paced well within Teams' limits and never
 * after it has ended (`progress-redraw.ts`).
 */
export class RequestNotifier implements OperationNotifier {
  readonly #options: RequestNotifierOptions;
  readonly #queues = new Map<string, Promise<void>>();
  // What planning knew of a request just asked for, until its approvers' copies are posted.
  readonly #drawings = new Map<string, ApprovalDrawing>();
  readonly #pacer: ProgressPacer;
  // What a progress redraw works with (`progress-redraw.ts`).
  readonly #progressRedraw: ProgressRedrawDeps;

  constructor(options: RequestNotifierOptions) {
    this.#options = options;
    this.#pacer = new ProgressPacer(options.progressPace);
    this.#progressRedraw = {
      operations: options.telling.operations,
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

  changed(operation: StoredOperation, from: OperationState): Promise<void> {
    const key = `${operation.tenantId}/${operation.id}`;
    if (operation.state !== 'running') {
      this.#pacer.forget(key);
    }
    void this.#enqueue(key, Promise.resolve(), () => this.#tellUntold(operation, from));
    return Promise.resolve();
  }

  /**
   * Redraws the copies of a running operation's card with its progress, when the pace allows
   * (`ProgressPacer`): in the operation's queue, so a change this process tells after it is
   * drawn after it. Returns at once; what fails is only logged.
   */
  progressed(operation: StoredOperation): void {
    const key = `${operation.tenantId}/${operation.id}`;
    if (operation.state !== 'running' || !this.#pacer.begin(key, this.#now())) {
      return;
    }
    const target = { tenantId: operation.tenantId, operationId: operation.id };
    void this.#enqueue(key, Promise.resolve(), () =>
      redrawProgress(this.#progressRedraw, key, target),
    );
  }

  /**
   * Posts a new pending request's approvers' copies, drawn with `drawing`, in the request's queue
   * (so a drain at shutdown waits for them, within its time). They start on a later turn of the
   * event loop (`setImmediate`): the turn that asked answers alongside, never held up by them.
   */
  asked(operation: StoredOperation, drawing: ApprovalDrawing): Promise<void> {
    const key = `${operation.tenantId}/${operation.id}`;
    this.#drawings.set(key, drawing);
    const later = new Promise<void>((resolve) => setImmediate(resolve));
    void this.#enqueue(key, later, () => this.#tellUntold(operation, operation.state)).finally(() =>
      this.#drawings.delete(key),
    );
    return Promise.resolve();
  }

  /** Runs `task` (which never rejects) once `ready`, after what the operation's queue holds. */
  #enqueue(key: string, ready: Promise<void>, task: () => Promise<void>): Promise<void> {
    const before = this.#queues.get(key) ?? Promise.resolve();
    const next = Promise.all([before, ready]).then(task);
    this.#queues.set(key, next);
    void next.finally(() => {
      if (this.#queues.get(key) === next) {
        this.#queues.delete(key);
      }
    });
    return next;
  }

  /** Whether a change is being told now (or queued to be). */
  get busy(): boolean {
    return this.#queues.size > 0;
  }

  /** Waits until every change told so far has been sent (for shutdown, and for tests). */
  async drain(): Promise<void> {
    while (this.#queues.size > 0) {
      await Promise.all(this.#queues.values());
    }
  }

  /**
   * Sends what the events of the operation mean: every copy redrawn as the operation is now, the
   * approvers' copies posted when due, and the requester told of each event not told yet. Throws
   * only when the copies cannot be listed or the approvers found: then all is told again later.
   */
  readonly send: ChangeSender = async (operation, work) => {
    const log = this.#options.logger.child({
      operationId: operation.id,
      events: work.events.map((event) => event.to),
      state: operation.state,
    });
    // A new request has nothing to redraw yet: only its approvers' copies to post.
    const redrawn =
      work.events.length === 0 || !work.redraw || (await this.#redraw(operation, work, log));
    const approvalsPosted =
      !work.postApprovals || (await this.#postApprovals(operation, work, log));
    let notified = work.notified;
    while (notified < work.events.length) {
      const event = work.events[notified]!;
      if (!(await this.#tellRequester({ ...operation, state: event.to }, work, log))) {
        break;
      }
      notified += 1;
    }
    return { redrawn, notified, approvalsPosted };
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

  /** Redraws every copy; false when one could not be and may be later (Teams busy). */
  async #redraw(operation: StoredOperation, work: ChangeWork, log: Logger): Promise<boolean> {
    const copies = await this.#options.cards.list(operation.tenantId, operation.id);
    const skus = await this.#skusFor(operation, log);
    let all = true;
    for (const copy of copies) {
      await work.keepClaim();
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
    return this.#options.telling.clock.now().getTime();
  }

  /**
   * Posts the approvers' copies of a pending request into each conversation that has none
   * recorded yet (a telling cut short posted some), recording each. False when a post may work
   * later (Teams busy): the job posts the rest.
   */
  async #postApprovals(
    operation: StoredOperation,
    work: ChangeWork,
    log: Logger,
  ): Promise<boolean> {
    if (operation.state !== 'pending' || !this.#options.approvers) {
      return true;
    }
    const { targets, refreshUserIds } = await this.#options.approvers(operation);
    const posted = new Set(
      (await this.#options.cards.list(operation.tenantId, operation.id))
        .filter((copy) => copy.audience === 'approvers')
        .map((copy) => copy.conversationId),
    );
    const drawing = this.#drawings.get(`${operation.tenantId}/${operation.id}`) ?? {};
    const card = approvalCard(operation, { ...drawing, refreshUserIds });
    let all = true;
    for (const target of targets.filter((where) => !posted.has(where.conversationId))) {
      await work.keepClaim();
      // Every approver gets their copy now, even after one could not be posted.
      const copyPosted = await this.#postCopy(operation, target, card, refreshUserIds, log);
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
    if (gone && target.kind !== 'personal' && this.#options.approvalChannels) {
      // The bot was removed from the approvers' channel and the event was missed: forget it,
      // and leave this request's copies untold, so the next telling (the job) posts them to the
      // approvers' personal chats, where `approvalTargets` now sends them; forgetting marks the
      // other pending requests' copies due again too.
      await this.#forgetGone(operation, target, this.#options.approvalChannels, where);
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
        postedAt: this.#options.telling.clock.now().toISOString(),
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
    approvalChannels: ApprovalChannelStore,
    log: Logger,
  ): Promise<void> {
    try {
      const { operations, notices, clock } = this.#options.telling;
      await forgetConversations(
        {
          conversations: this.#options.conversations,
          approvalChannels,
          operations,
          notices,
          clock,
          logger: log,
        },
        {
          tenantId: operation.tenantId,
          conversationIds: [target.conversationId],
          why: 'Teams refused an approval card: the bot is not in that conversation',
        },
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
      return await this.#options.skus();
    } catch (error) {
      log.warn({ err: error }, 'could not read the SKUs to name the fix buttons');
      return undefined;
    }
  }

  /** Tells the requester of one event; false when it could not be and may be later. */
  async #tellRequester(
    operation: StoredOperation,
    work: ChangeWork,
    log: Logger,
  ): Promise<boolean> {
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
    await work.keepClaim();
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
