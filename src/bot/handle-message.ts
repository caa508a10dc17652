import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Caller } from '../app/identity/caller.ts';
import { placeOf, turnOutbox } from './requests/outbox.ts';
import { identifyTurn } from './identify-turn.ts';
import { routeCardAction } from './route-card-action.ts';
import { allows, type CommandTurn, type Reply } from './routing/command.ts';
import { MAX_COMMAND_LENGTH } from './routing/command-text.ts';
import { fileWithoutWords } from './commands/file-without-words.ts';
import { sentFilesOf } from './files/sent-files.ts';
import { matchCommand } from './routing/match-command.ts';
import { commandTextOf } from './routing/message-text.ts';
import { saveConversation } from './save-conversation.ts';
import { sendReply } from './send-reply.ts';
import { recordedTurn, recordTurn } from './turn-log.ts';
import type { BotRuntime } from './turn-deps.ts';
import { userFacingError } from './user-facing-error.ts';

const cardSubmit = z.looseObject({ licenseDesk: z.string().min(1).max(50) });

async function routeText(
  turn: CommandTurn,
  text: string,
  context: TurnContext,
  runtime: BotRuntime,
): Promise<Reply> {
  if (text.length > MAX_COMMAND_LENGTH) {
    recordTurn(context, { command: 'too-long', outcome: 'not-understood' });
    return {
      text:
        `That is ${text.length.toLocaleString('en-US')} characters, more than a command holds (${MAX_COMMAND_LENGTH.toLocaleString('en-US')}). ` +
        'For that many people, choose them by group, filter or CSV file (`assign E5 to group "Sales"`, ' +
        '`… to users where department eq "Sales"`, `… from this file`, or `bulk`). Type `help` to see the commands.',
    };
  }
  const match = matchCommand(text, runtime.routes.commands);
  if (match.kind === 'empty') {
    if (turn.files !== undefined && turn.files.length > 0) {
      // A CSV without words: people to license by its rows (a price list is pointed to `prices`).
      recordTurn(context, { command: 'file' });
      return fileWithoutWords(turn);
    }
    recordTurn(context, { command: 'empty', outcome: 'not-understood' });
    return { text: 'I got an empty message. Type `help` to see what I can do.' };
  }
  if (match.kind === 'unknown') {
    recordTurn(context, { command: 'unknown', outcome: 'not-understood' });
    const hint = match.suggestion
      ? `Did you mean \`${match.suggestion}\`?`
      : 'Type `help` to see what I can do.';
    return { text: `I didn't get that. ${hint}` };
  }
  const { command, argument } = match;
  recordTurn(context, { command: command.name });
  if (!allows(turn.caller.role, command.role)) {
    recordTurn(context, { outcome: 'refused:role' });
    return {
      text: 'Only license admins can do that. Ask a member of your license approvers group.',
    };
  }
  const input = command.input.safeParse(argument);
  if (!input.success) {
    recordTurn(context, { outcome: 'usage' });
    return { text: command.usage };
  }
  return command.handle(turn, input.data);
}

function submittedValue(context: TurnContext): z.infer<typeof cardSubmit> | undefined {
  const parsed = cardSubmit.safeParse(context.activity.value);
  return parsed.success ? parsed.data : undefined;
}

/** An Action.Submit from a card that is not License Desk's: data, no text, nothing to run. */
function foreignSubmit(context: TurnContext, text: string): Reply | undefined {
  const value: unknown = context.activity.value;
  if (text !== '' || typeof value !== 'object' || value === null) {
    return undefined;
  }
  recordTurn(context, { command: 'card:unknown', outcome: 'not-understood' });
  return {
    text: 'That button is not one of mine, so I cannot act on it. Type `help` to see what I can do.',
  };
}

/** `in fabrikam: licenses`: an operator's approver runs one command in a customer tenant. */
const IN_TENANT = /^in\s+([a-z0-9][a-z0-9-]*)\s*:\s*/i;

/**
 * The caller and text a typed `in <tenant>: …` acts with, or the refusal to answer; as typed
 * otherwise.
 */
async function inTenant(
  caller: Caller,
  text: string,
  context: TurnContext,
  runtime: BotRuntime,
): Promise<{ caller: Caller; text: string } | { refused: string }> {
  const match = IN_TENANT.exec(text);
  if (match === null) {
    return { caller, text };
  }
  const acting = await runtime.deps.tenantAdmin.actIn(caller, match[1]!.toLowerCase());
  if (!('caller' in acting)) {
    recordTurn(context, { command: 'in-tenant', outcome: 'refused:tenant' });
    return { refused: acting.message };
  }
  if (context.activity.conversation.conversationType === 'personal') {
    // Its notices (a request's outcome) are looked up in the tenant acted in.
    await saveConversation(context, acting.caller, runtime.deps).catch((error: unknown) => {
      runtime.deps.logger.warn({ err: error }, 'could not save the conversation reference');
    });
  }
  return { caller: acting.caller, text: text.slice(match[0].length) };
}

async function answer(context: TurnContext, asked: Caller, runtime: BotRuntime): Promise<void> {
  const submitted = submittedValue(context);
  // In channels and group chats the text starts with "<at>License Desk</at>": it drops out, and
  // colleagues mentioned in it read as who they are.
  const typed = submitted ? '' : commandTextOf(context.activity, runtime.deps.objectIds);
  const scoped = await inTenant(asked, typed, context, runtime);
  if ('refused' in scoped) {
    await sendReply(context, { text: scoped.refused });
    return;
  }
  const { caller, text } = scoped;
  const turn: CommandTurn = {
    caller,
    deps: runtime.deps,
    place: placeOf(context),
    outbox: turnOutbox(context, runtime.deps.logger),
    files: sentFilesOf(context.activity),
  };
  const reply = submitted
    ? await routeCardAction(turn, submitted.licenseDesk, submitted, context, runtime)
    : (foreignSubmit(context, text) ?? (await routeText(turn, text, context, runtime)));
  await sendReply(context, reply);
  if (recordedTurn(context).outcome === undefined) {
    recordTurn(context, { outcome: 'answered' });
  }
}

/** A message: who asks, keep the personal chat's reference fresh, route, answer. */
export async function handleMessage(context: TurnContext, runtime: BotRuntime): Promise<void> {
  try {
    const caller = await identifyTurn(context, runtime);
    if (!caller) {
      return;
    }
    if (context.activity.conversation.conversationType === 'personal') {
      // Refreshed on every personal message, so notifications work even if the install was missed.
      await saveConversation(context, caller, runtime.deps).catch((error: unknown) => {
        runtime.deps.logger.warn({ err: error }, 'could not save the conversation reference');
      });
    }
    await answer(context, caller, runtime);
  } catch (error) {
    const logger = runtime.deps.logger.child({ activityId: context.activity.id });
    const shown = userFacingError(error, logger);
    recordTurn(context, { outcome: shown.outcome });
    await context.sendActivity(shown.text);
  }
}
