import { z } from 'zod';
import { requestLicenseChange } from '../../app/requests/request-license.ts';
import { parseLicenseCommand } from '../../domain/commands/grammar.ts';
import { renderCard } from '../cards/render-card.ts';
import { commandText, withWord } from '../requests/command-text.ts';
import { approvalCard } from '../requests/approval-card.ts';
import { deliverApprovalCard, type Delivery } from '../requests/deliver-approval.ts';
import { runAfterAnswer } from '../requests/follow-up.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';

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

/** Runs a typed license change (`assign …`, `remove …`…) from the first word on. */
export async function askForChange(turn: CommandTurn, text: string): Promise<Reply> {
  const parsed = parseLicenseCommand(text);
  if (!parsed.ok) {
    return { text: `${parsed.failure.message} For example: \`${parsed.failure.example}\`` };
  }
  if (parsed.value.kind === 'request') {
    return { text: 'Type the request, e.g. `assign E3 to adele@contoso.com`.' };
  }
  const command = parsed.value;
  const outcome = await requestLicenseChange(turn.deps.requests, turn.caller, command);
  switch (outcome.kind) {
    case 'problem':
      // The fix as a button: the same request again, with the usage location picked on the card.
      return outcome.failure?.code === 'USAGE_LOCATION_MISSING' && command.kind === 'assign'
        ? {
            card: renderCard('fix-location', {
              message: outcome.message,
              // The tenant's own country is the likeliest answer; it is only a placeholder.
              suggestion: (await turn.deps.directory.getOrganization()).countryLetterCode,
              command: commandText(command),
            }),
          }
        : { text: outcome.message };
    case 'nothingToDo':
      return { text: outcome.message };
    case 'chooseUser':
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
    case 'pending': {
      const operation = outcome.operation.value;
      const delivery = await deliverApprovalCard(turn, operation, outcome.impact, outcome.reasons);
      await turn.outbox.say(
        turn.place.reference,
        `This needs an approver. ${whereItWent(delivery)}`,
      );
      return {
        card: approvalCard(operation, {
          impact: outcome.impact,
          reasons: outcome.reasons,
          viewer: { userId: turn.caller.userId, isApprover: turn.caller.role === 'approver' },
        }),
      };
    }
    case 'runNow':
      runAfterAnswer(turn, outcome.operation.value.id);
      return {
        card: approvalCard(outcome.operation.value, {
          impact: outcome.impact,
          viewer: { userId: turn.caller.userId, isApprover: true },
        }),
      };
  }
}

const words = z.string().trim().min(1).max(2_000);

function changeCommand(
  name: string,
  aliases: string[],
  summary: string,
  example: string,
): TextCommand<string> {
  return {
    name,
    aliases,
    role: 'requester',
    summary,
    example,
    input: words,
    usage: `Write it like this: \`${example}\`.`,
    handle: (turn, rest) => askForChange(turn, `${name} ${rest}`),
  };
}

/** The license change commands: each becomes an operation, approved as the policy says. */
export const licenseChangeCommands: TextCommand[] = [
  changeCommand(
    'assign',
    ['give'],
    'give someone a license or a template; managers’ requests go to an approver',
    'assign Microsoft 365 E5 to isaiahl@contoso.onmicrosoft.com',
  ),
  changeCommand(
    'remove',
    [],
    'take a license (or all direct licenses) away from someone, after approval',
    'remove Power BI Pro from isaiahl@contoso.onmicrosoft.com',
  ),
  changeCommand(
    'transfer',
    [],
    'swap a license for another in one step, after approval',
    'transfer adelev@contoso.onmicrosoft.com from Microsoft 365 E3 to Microsoft 365 E5',
  ),
  changeCommand(
    'enable',
    [],
    'turn service plans of a license on for someone',
    'enable Exchange in SPE_E3 for adelev@contoso.onmicrosoft.com',
  ),
  changeCommand(
    'disable',
    [],
    'turn service plans of a license off for someone',
    'disable Teams in SPE_E3 for adelev@contoso.onmicrosoft.com',
  ),
] as TextCommand[];
