import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Caller } from '../app/identity/caller.ts';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import { welcomeCardData } from './cards/help-card.ts';
import { renderCard } from './cards/render-card.ts';
import { conversationIdOf } from './conversation-ids.ts';
import { identifyTurn } from './identify-turn.ts';
import { saveConversation } from './save-conversation.ts';
import { recordTurn } from './turn-log.ts';
import type { BotRuntime } from './turn-deps.ts';
import { userFacingError } from './user-facing-error.ts';

/**
 * Whether this user still needs the personal welcome. Teams sends both `installationUpdate` and
 * `conversationUpdate` for one install: the stored flag (written with its ETag) makes one win.
 */
async function claimPersonalWelcome(caller: Caller, runtime: BotRuntime): Promise<boolean> {
  const { preferences, clock } = runtime.deps;
  const stored = await preferences.get(caller.tenantId, caller.userId);
  if (stored?.value.welcomed === true) {
    return false;
  }
  const updated = {
    tenantId: caller.tenantId,
    userId: caller.userId,
    ...stored?.value,
    welcomed: true,
    updatedAt: clock.now().toISOString(),
  };
  try {
    await preferences.save(updated, stored?.etag);
    return true;
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      return false;
    }
    throw error;
  }
}

/**
 * Whether this team or group chat still needs its welcome: both install events save the
 * conversation, and the first to claim it in the store (a create that fails if it exists, so
 * also when both arrive at once, in any instance) welcomes. Forgotten when the bot is removed.
 */
function claimConversationWelcome(context: TurnContext, runtime: BotRuntime, caller: Caller) {
  const now = runtime.deps.clock.now().toISOString();
  return runtime.deps.conversations.claimWelcome(
    caller.tenantId,
    conversationIdOf(context.activity),
    now,
  );
}

/**
 * Sends the welcome of a team or group chat whose claim this event took; when the send fails,
 * the claim is given back first, so Teams' other install event (or the next install) welcomes.
 */
async function sendConversationWelcome(
  context: TurnContext,
  runtime: BotRuntime,
  caller: Caller,
  send: () => Promise<unknown>,
): Promise<void> {
  try {
    await send();
  } catch (error) {
    await runtime.deps.conversations
      .releaseWelcome(caller.tenantId, conversationIdOf(context.activity))
      .catch((releaseError: unknown) => {
        runtime.deps.logger.warn({ err: releaseError }, 'could not give a welcome claim back');
      });
    throw error;
  }
}

/**
 * The app was added (personal chat, group chat or team): save where to write, and welcome, once
 * per person in personal scope and once per conversation in a team or group chat.
 */
export async function handleInstall(context: TurnContext, runtime: BotRuntime): Promise<void> {
  recordTurn(context, { command: 'install' });
  try {
    const caller = await identifyTurn(context, runtime);
    if (!caller) {
      return;
    }
    // Written through: another instance may have forgotten it (an uninstall) moments ago.
    await saveConversation(context, caller, runtime.deps, { refresh: false });
    const personal = context.activity.conversation.conversationType === 'personal';
    const claimed = personal
      ? await claimPersonalWelcome(caller, runtime)
      : await claimConversationWelcome(context, runtime, caller);
    if (!claimed) {
      recordTurn(context, { outcome: 'already-welcomed' });
      return;
    }
    const firstName = caller.displayName.split(' ')[0] ?? '';
    const data = welcomeCardData(caller.role, personal ? firstName : '', runtime.routes.commands);
    const send = () => context.sendActivity(MessageFactory.attachment(renderCard('welcome', data)));
    await (personal ? send() : sendConversationWelcome(context, runtime, caller, send));
    recordTurn(context, { outcome: 'welcomed' });
  } catch (error) {
    const shown = userFacingError(
      error,
      runtime.deps.logger.child({ activityId: context.activity.id }),
    );
    recordTurn(context, { outcome: shown.outcome });
    await context.sendActivity(shown.text);
  }
}
