import { z } from 'zod';
import { parseLicenseCommand } from '../../domain/commands/grammar.ts';
import { replyToChange } from '../requests/change-reply.ts';
import { askScheduled } from '../schedules/schedule-reply.ts';
import { typedRequestId } from '../requests/request-id.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { MAX_COMMAND_LENGTH } from '../routing/command-text.ts';
import type { SentCsv } from '../../app/selection/selected-users.ts';
import { sentCsv } from './selection-file.ts';
import { openRequestForm } from './request-form-actions.ts';

/**
 * Runs a typed license change (`assign …`, `remove …`…) from the first word on. The same message
 * delivered twice, or the same button clicked twice, asks for one request (see `typedRequestId`).
 */
export async function askForChange(
  turn: CommandTurn,
  text: string,
  asked: { confirmed?: boolean; file?: SentCsv } = {},
): Promise<Reply> {
  const parsed = parseLicenseCommand(text);
  if (!parsed.ok) {
    return { text: `${parsed.failure.message} For example: \`${parsed.failure.example}\`` };
  }
  if (parsed.value.kind === 'request') {
    return openRequestForm(turn);
  }
  const command = parsed.value;
  let file = asked.file;
  if (command.selection?.kind === 'file' && file === undefined) {
    const sent = await sentCsv(turn, text);
    if (!sent.ok) {
      return sent.reply;
    }
    file = sent.file;
  }
  const operationId = typedRequestId(turn, text);
  const options = {
    ...(operationId === undefined ? {} : { operationId }),
    ...(asked.confirmed ? { confirmed: true } : {}),
    ...(file ? { file } : {}),
  };
  if (command.when) {
    return askScheduled(turn, command, command.when, options, text);
  }
  const outcome = await turn.deps.requests.ask(
    turn.caller,
    command,
    command.justification,
    options,
  );
  return replyToChange(turn, command, outcome, text);
}

const words = z.string().trim().min(1).max(MAX_COMMAND_LENGTH);

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
    'give someone a license or a template; managers’ requests go to an approver, with the reason after “because”',
    'assign Microsoft 365 E5 to isaiahl@contoso.onmicrosoft.com because he joins the security team',
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
