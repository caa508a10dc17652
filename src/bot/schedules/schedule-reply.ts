import type { ScheduleAskOutcome } from '../../app/schedules/schedule-use-cases.ts';
import { describeTiming, formatDue } from '../../app/schedules/schedule-use-cases.ts';
import type { ChangeCommand } from '../../app/requests/request-license.ts';
import type { RequestOptions } from '../../app/requests/request-outcome.ts';
import type { ScheduleWhen } from '../../domain/schedules/schedule-phrase.ts';
import type { Schedule } from '../../domain/schedules/schedule.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { approvalCard } from '../requests/approval-card.ts';
import { showRequesterCard } from '../requests/card-copies.ts';
import { pendingReply, replyToChange } from '../requests/change-reply.ts';
import { conflictFixesOf } from '../requests/fix-reply.ts';
import { selectionText } from '../requests/selection-reply.ts';

const whenOf = (schedule: Schedule): string =>
  schedule.nextDueAt
    ? formatDue(new Date(schedule.nextDueAt), schedule.timing.timeZone)
    : describeTiming(schedule.timing);

/**
 * What the requester sees once a change with a time was asked for: a one-time schedule's request
 * card (waiting for approval, or approved to start at its time), a recurring rule sent to the
 * approvers with what it would do now, or the same problems and questions as any request.
 */
export async function replyToSchedule(
  turn: CommandTurn,
  command: ChangeCommand,
  outcome: ScheduleAskOutcome,
  typed: string,
): Promise<Reply> {
  switch (outcome.kind) {
    case 'scheduleAskedBefore':
      return {
        text: `I have this schedule already: "${outcome.schedule.value.summary}", ${describeTiming(outcome.schedule.value.timing)}. Type \`schedules\` to see it.`,
      };
    case 'scheduledRule': {
      const { schedule, preview } = outcome;
      const now = preview.impact
        ? `If it ran now it would change ${preview.impact.changeCount} user(s).`
        : `Nothing would change now (${preview.nothingNow ?? 'everyone selected is as asked'}): each run picks up who needs it then.`;
      return {
        text: `Asked for approval: "${schedule.value.summary}", ${describeTiming(schedule.value.timing)}. ${now} A license approver approves the rule once, with how many users and new seats a run may change; a run beyond that asks them again. Type \`schedules\` to follow it.`,
      };
    }
    case 'scheduledOnce': {
      const { schedule, request } = outcome;
      const at = whenOf(schedule.value);
      if (request.kind === 'pending') {
        return pendingReply(
          turn,
          request,
          await conflictFixesOf(turn, command, request.impact),
          `${selectionText(request.selection)}Scheduled for ${at}, once approved: this needs an approver.`,
        );
      }
      if (request.kind === 'alreadyAsked') {
        return replyToChange(turn, command, request, typed);
      }
      const operation = request.operation.value;
      const card = approvalCard(operation, {
        impact: request.impact,
        viewer: { userId: turn.caller.userId, isApprover: true },
      });
      return showRequesterCard(
        turn,
        operation,
        card,
        `${selectionText(request.selection)}Scheduled: it starts by itself at ${at}. Until then you can cancel it on this card or in \`schedules\`.`,
      );
    }
    default:
      return replyToChange(turn, command, outcome, typed);
  }
}

/**
 * Asks for a change at a time (typed or from a form), in the zone Teams gives for the requester
 * when the time names none, and answers as `replyToSchedule` does.
 */
export async function askScheduled(
  turn: CommandTurn,
  command: ChangeCommand,
  when: ScheduleWhen,
  options: RequestOptions,
  typed: string,
): Promise<Reply> {
  const scheduled = await turn.deps.schedules.ask(
    turn.caller,
    {
      command,
      when,
      ...(command.justification ? { justification: command.justification } : {}),
      ...(turn.place.timeZone ? { timeZone: turn.place.timeZone } : {}),
    },
    options,
  );
  return replyToSchedule(turn, command, scheduled, typed);
}
