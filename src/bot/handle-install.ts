import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Caller } from '../app/identity/caller.ts';
import { ConcurrencyConflictError } from '../app/ports/stores.ts';
import { welcomeCardData } from './cards/help-card.ts';
import { renderCard } from './cards/render-card.ts';
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

/** The app was added (personal chat, group chat or team): save where to write, and welcome. */
export async function handleInstall(context: TurnContext, runtime: BotRuntime): Promise<void> {
  recordTurn(context, { command: 'install' });
  try {
    const caller = await identifyTurn(context, runtime);
    if (!caller) {
      return;
    }
    await saveConversation(context, caller, runtime.deps);
    const personal = context.activity.conversation.conversationType === 'personal';
    if (personal && !(await claimPersonalWelcome(caller, runtime))) {
      recordTurn(context, { outcome: 'already-welcomed' });
      return;
    }
    const firstName = caller.displayName.split(' ')[0] ?? '';
    const data = welcomeCardData(caller.role, personal ? firstName : '', runtime.routes.commands);
    await context.sendActivity(MessageFactory.attachment(renderCard('welcome', data)));
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

/** The app was removed from a personal chat: a later reinstall deserves a welcome again. */
export async function handleUninstall(context: TurnContext, runtime: BotRuntime): Promise<void> {
  recordTurn(context, { command: 'uninstall', outcome: 'noted' });
  const { tenantId, userId } = {
    tenantId: context.activity.conversation.tenantId,
    userId: context.activity.from?.aadObjectId,
  };
  if (!tenantId || !userId || tenantId !== runtime.deps.settings.tenantId) {
    return;
  }
  const { preferences, clock } = runtime.deps;
  const stored = await preferences.get(tenantId, userId);
  if (stored?.value.welcomed) {
    await preferences
      .save({ ...stored.value, welcomed: false, updatedAt: clock.now().toISOString() }, stored.etag)
      .catch((error: unknown) => {
        runtime.deps.logger.warn({ err: error }, 'could not reset the welcome flag');
      });
  }
}
