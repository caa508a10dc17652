import type { StoredOperation } from '../../app/ports/operation-store.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import type { Fix } from '../../domain/planning/fixes.ts';
import type { ChangeCommand, RequestOutcome } from '../../app/requests/request-license.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { approvalCard } from './approval-card.ts';
import { postCardCopy, showRequesterCard } from './card-copies.ts';
import { commandText, withWord } from './command-text.ts';
import { approvalTargets, type Delivery } from './deliver-approval.ts';
import { conflictFixesOf, problemReply } from './fix-reply.ts';
import { confirmSelectionReply, rowProblemsText, selectionText } from './selection-reply.ts';

/** Where a pending request's approval cards went, in the requester's words. */
const whereItWent = (delivery: Delivery): string => {
  switch (delivery.kind) {
    case 'channel':
      return "I've sent it to the license approvers' channel.";
    case 'personal':
      return `No approvers' channel is set, so I've sent it to ${delivery.count} approver(s) in their chat with me.`;
    case 'nowhere':
      return (
        "No approvers' channel is set and no approver has a chat with me yet: ask a license " +
        'admin to type `approvals here` in their channel. Your request is saved and waiting.'
      );
  }
};

// A choice card carries the command once per choice and stays under Teams' 28 KB a card.
const MAX_CHOICE_COMMAND_LENGTH = 4_000;

const tooLongForChoices = (command: ChangeCommand): boolean =>
  commandText(command).length > MAX_CHOICE_COMMAND_LENGTH;

/**
 * A just-stored pending request, shown to its requester as a card later changes redraw, with
 * where its approvers' copies went (`ask` already handed those to the notifier).
 */
export async function pendingReply(
  turn: CommandTurn,
  pending: { operation: { value: StoredOperation }; impact: Impact; reasons: string[] },
  fixes: readonly Fix[],
  lead: string,
): Promise<Reply> {
  const operation = pending.operation.value;
  const approval = await approvalTargets(
    { ...turn.deps, approvalChannel: (tenantId) => turn.deps.requests.approvalChannel(tenantId) },
    operation,
  );
  const card = approvalCard(operation, {
    impact: pending.impact,
    reasons: pending.reasons,
    fixes,
    viewer: { userId: turn.caller.userId, isApprover: turn.caller.role === 'approver' },
  });
  return showRequesterCard(turn, operation, card, `${lead} ${whereItWent(approval.delivery)}`);
}

/**
 * What the requester sees once a change was asked for, typed or from the form: a fix card, a
 * "which one?" card, the pending request's card (after sending it to the approvers), or the
 * card of a change that runs at once.
 */
export async function replyToChange(
  turn: CommandTurn,
  command: ChangeCommand,
  outcome: RequestOutcome,
  typed = commandText(command),
): Promise<Reply> {
  switch (outcome.kind) {
    case 'problem':
      return problemReply(turn, command, outcome);
    case 'nothingToDo':
      return { text: `${outcome.message}${rowProblemsText(outcome.rowProblems ?? [])}` };
    case 'confirmSelection':
      return confirmSelectionReply(outcome, typed);
    case 'chooseUser':
      if (tooLongForChoices(command)) {
        // Each choice would carry the whole command: name them, and let the command be sent again.
        const named = outcome.matches
          .map((user) => `${user.displayName} (${user.userPrincipalName})`)
          .join(', ');
        return {
          text: `Several people match "${outcome.typed}": ${named}. Send the command again with the address of the one you mean.`,
        };
      }
      return {
        card: renderCard('request-choice', {
          question: `Several people match "${outcome.typed}". Which one?`,
          choices: outcome.matches.map((user) => ({
            title: user.displayName,
            subtitle: user.userPrincipalName,
            command: commandText(withWord(command, outcome.typed, user.userPrincipalName)),
          })),
        }),
      };
    case 'chooseLicense':
      if (tooLongForChoices(command)) {
        return {
          text: `${outcome.message} Send the command again with one of: ${outcome.choices.join(', ')}.`,
        };
      }
      return {
        card: renderCard('request-choice', {
          question: outcome.message,
          choices: outcome.choices.map((choice) => ({
            title: choice,
            subtitle: '',
            command: commandText(withWord(command, outcome.typed, choice)),
          })),
        }),
      };
    case 'pending':
      return pendingReply(
        turn,
        outcome,
        await conflictFixesOf(turn, command, outcome.impact),
        `${selectionText(outcome.selection)}This needs an approver.`,
      );
    case 'alreadyAsked': {
      // Asked again (a second click on the same button, a message Teams delivered twice): the
      // request as it stands, and nothing sent to the approvers or run again.
      const operation = outcome.operation.value;
      const card = approvalCard(operation, {
        viewer: { userId: turn.caller.userId, isApprover: turn.caller.role === 'approver' },
      });
      if (turn.place.isClick) {
        return { card };
      }
      // A new message, kept like the first answer's card so later changes redraw it too.
      await postCardCopy(turn, operation, turn.place, card, {
        audience: 'requester',
        viewerUserId: turn.caller.userId,
      });
      return { text: 'I have this request already: here it is as it stands.' };
    }
    case 'runNow': {
      const operation = outcome.operation.value;
      const card = approvalCard(operation, {
        impact: outcome.impact,
        viewer: { userId: turn.caller.userId, isApprover: true },
      });
      // Recorded before the run starts, so its progress redraws this card.
      const reply = await showRequesterCard(
        turn,
        operation,
        card,
        `${selectionText(outcome.selection)}You may do this alone, so I'm doing it now.`,
      );
      turn.deps.runs.start(operation.tenantId, operation.id);
      return reply;
    }
  }
}
