import { MessageFactory, type Attachment } from 'botbuilder';
import type { ApprovalChannel } from '../../app/ports/approval-channel-store.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { RequestCardStore } from '../../app/ports/request-card-store.ts';
import type { ScheduleNotifier, SchedulePreview } from '../../app/ports/schedule-notifier.ts';
import type { ConversationStore, StoredConversation } from '../../app/ports/stores.ts';
import type {
  Schedule,
  ScheduleCardCopy,
  ScheduleEvent,
  ScheduleRun,
} from '../../domain/schedules/schedule.ts';
import type { BotDependencies } from '../dependencies.ts';
import { approvalCard } from '../requests/approval-card.ts';
import { writeInto, type ConversationWriter } from '../requests/conversation-writer.ts';
import { approverChats } from '../requests/approver-chats.ts';
import { sendWithRetries, type RetryOptions } from '../requests/retrying-send.ts';
import { scheduleApprovalCard } from './schedule-approval-card.ts';
import { scheduleEventNotice } from './schedule-notices.ts';

export interface TeamsScheduleNotifierOptions {
  writer: ConversationWriter;
  conversations: ConversationStore;
  /** Where each request's card copies are recorded: a run's progress card is redrawn from it. */
  cards: RequestCardStore;
  /** Who approves, and where: the approvers' channel (`approvals here`) or their chats. */
  approvers: Pick<BotDependencies, 'tenants' | 'conversations'> & {
    approvalChannel(tenantId: string): Promise<ApprovalChannel | null>;
  };
  clock: Clock;
  logger: Logger;
  retry: RetryOptions;
}

/**
 * The bot's side of schedules: a recurring rule's approval card goes where request approvals go;
 * the owner is told in their personal chat of each decision and of a run that ran nothing; a run
 * that starts gets its progress card in the owner's chat, recorded as the requester's copy so
 * the run's checkpoints and its end redraw it like any request's card. Nothing here throws.
 */
export class TeamsScheduleNotifier implements ScheduleNotifier {
  readonly #options: TeamsScheduleNotifierOptions;

  constructor(options: TeamsScheduleNotifierOptions) {
    this.#options = options;
  }

  async asked(schedule: Schedule, preview: SchedulePreview): Promise<ScheduleCardCopy[]> {
    const log = this.#options.logger.child({ scheduleId: schedule.id });
    const copies: ScheduleCardCopy[] = [];
    try {
      const targets = await this.#approverTargets(schedule);
      const card = scheduleApprovalCard(schedule, preview, undefined, this.#options.clock.now());
      for (const target of targets) {
        const activityId = await this.#post(target, card, log, 'post a schedule approval card');
        if (activityId !== undefined) {
          const { conversationId, reference } = target;
          copies.push({ conversationId, activityId, reference });
        }
      }
      if (targets.length === 0) {
        log.warn('no approvers conversation to post a schedule approval card to');
      }
    } catch (error) {
      log.error({ err: error }, 'could not post a schedule approval card');
    }
    return copies;
  }

  async changed(schedule: Schedule, event: ScheduleEvent): Promise<void> {
    await this.#redrawCards(schedule);
    const byOwner = event.by !== 'system' && event.by.userId === schedule.owner.userId;
    if (byOwner) {
      return; // they did it, and their click was answered
    }
    await this.#tellOwner(schedule, scheduleEventNotice(schedule, event));
  }

  /** Every copy of the approval card as the schedule is now: a late click finds it decided. */
  async #redrawCards(schedule: Schedule): Promise<void> {
    const copies = schedule.approvalCards ?? [];
    const card = scheduleApprovalCard(schedule, undefined, undefined, this.#options.clock.now());
    for (const copy of copies) {
      const log = this.#options.logger.child({
        scheduleId: schedule.id,
        conversationId: copy.conversationId,
      });
      try {
        await sendWithRetries(
          () =>
            writeInto(this.#options.writer, copy.reference, async (context) => {
              await context.updateActivity({
                ...MessageFactory.attachment(card),
                id: copy.activityId,
              });
            }),
          this.#options.retry,
        );
      } catch (error) {
        log.warn({ err: error }, 'could not redraw a schedule approval card');
      }
    }
  }

  async runStarted(schedule: Schedule, operation: StoredOperation): Promise<void> {
    const log = this.#options.logger.child({ scheduleId: schedule.id, operationId: operation.id });
    try {
      const chat = await this.#ownerChat(schedule);
      if (!chat) {
        log.warn('the schedule owner has no personal chat with the bot: no progress card');
        return;
      }
      const card = approvalCard(operation, {
        viewer: { userId: schedule.owner.userId, isApprover: false },
      });
      const activityId = await this.#post(chat, card, log, 'post a scheduled run card');
      if (activityId !== undefined) {
        await this.#options.cards.add({
          tenantId: operation.tenantId,
          operationId: operation.id,
          conversationId: chat.conversationId,
          activityId,
          reference: chat.reference,
          audience: 'requester',
          viewerUserId: schedule.owner.userId,
          postedAt: this.#options.clock.now().toISOString(),
        });
      }
    } catch (error) {
      log.error({ err: error }, 'could not post the progress card of a scheduled run');
    }
  }

  async ran(schedule: Schedule, run: ScheduleRun): Promise<void> {
    await this.#tellOwner(schedule, `Schedule "${schedule.summary}": ${run.message}`);
  }

  async #tellOwner(schedule: Schedule, text: string): Promise<void> {
    const log = this.#options.logger.child({ scheduleId: schedule.id });
    try {
      const chat = await this.#ownerChat(schedule);
      if (chat) {
        await this.#post(chat, MessageFactory.text(text), log, 'tell a schedule owner');
      }
    } catch (error) {
      log.error({ err: error }, 'could not tell a schedule owner');
    }
  }

  #ownerChat(schedule: Schedule): Promise<StoredConversation | null> {
    return this.#options.conversations.findPersonal(schedule.tenantId, schedule.owner.userId);
  }

  /** The approvers' channel, or else each approver's chat but the owner's. */
  async #approverTargets(schedule: Schedule): Promise<StoredConversation[]> {
    const { approvers } = this.#options;
    const channel = await approvers.approvalChannel(schedule.tenantId);
    const where = channel
      ? await approvers.conversations.get(schedule.tenantId, channel.conversationId)
      : null;
    if (where) {
      return [where];
    }
    const chats = await approverChats(approvers, schedule.tenantId);
    return chats.filter((chat) => chat.userId !== schedule.owner.userId);
  }

  /** Posts a card or a message with retries; its id, or undefined when it could not be posted. */
  async #post(
    target: StoredConversation,
    message: Attachment | ReturnType<typeof MessageFactory.text>,
    log: Logger,
    what: string,
  ): Promise<string | undefined> {
    const activity = 'contentType' in message ? MessageFactory.attachment(message) : message;
    try {
      let id: string | undefined;
      await sendWithRetries(
        async () => {
          id = await writeInto(this.#options.writer, target.reference, async (context) => {
            return (await context.sendActivity(activity))?.id;
          });
        },
        { ...this.#options.retry, postsNew: true },
      );
      return id;
    } catch (error) {
      log.error({ err: error, conversationId: target.conversationId }, `could not ${what}`);
      return undefined;
    }
  }
}
