import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { conversationIdOf, teamIdOf } from './conversation-ids.ts';
import { speakerOf } from './speaker.ts';
import { recordTurn } from './turn-log.ts';
import type { BotRuntime } from './turn-deps.ts';

/** What the bot was removed from, as the activity says. */
export type Removal =
  | { kind: 'personal'; conversationId: string }
  | { kind: 'conversations'; conversationIds: string[]; teamId?: string };

const teamsEvent = z.object({ eventType: z.string().optional() });

// The whole team is gone for good: so is the bot from every channel of it. `teamDeleted` and
// `channelDeleted` are soft deletes (`teamRestored`, `channelRestored` bring them back, bot and
// all): nothing is forgotten then, and a post into one meanwhile that Teams answers "not found"
// forgets it.
const TEAM_GONE_EVENT = 'teamHardDeleted';

/**
 * What an activity removes the bot from, if anything: the app uninstalled (`installationUpdate`
 * `remove`; an upgrade's `remove-upgrade` is not leaving), the bot removed from the members, the
 * team deleted for good (`teamHardDeleted`). In a team, its id is also its General channel's id.
 */
export function removalOf(activity: Activity): Removal | undefined {
  const event = teamsEvent.safeParse(activity.channelData ?? {});
  const { eventType } = event.success ? event.data : {};
  if (activity.type === 'installationUpdate') {
    if (activity.action !== 'remove') {
      return undefined;
    }
  } else if (activity.type === 'conversationUpdate') {
    const botId = activity.recipient?.id;
    const botLeft = (activity.membersRemoved ?? []).some((member) => member.id === botId);
    if (!botLeft && eventType !== TEAM_GONE_EVENT) {
      return undefined;
    }
  } else {
    return undefined;
  }
  const conversationId = conversationIdOf(activity);
  if (activity.conversation.conversationType === 'personal') {
    return { kind: 'personal', conversationId };
  }
  const teamId =
    activity.conversation.conversationType === 'channel' ? teamIdOf(activity) : undefined;
  return teamId === undefined
    ? { kind: 'conversations', conversationIds: [conversationId] }
    : { kind: 'conversations', conversationIds: [...new Set([conversationId, teamId])], teamId };
}

/** A personal uninstall: nothing more to write there, and a reinstall deserves a welcome. */
async function forgetPersonal(
  runtime: BotRuntime,
  tenantId: string,
  conversationId: string,
  userId: string | undefined,
): Promise<void> {
  const { conversations, preferences, clock, logger } = runtime.deps;
  await conversations.remove(tenantId, conversationId);
  if (userId === undefined) {
    return;
  }
  const stored = await preferences.get(tenantId, userId);
  if (stored?.value.welcomed) {
    await preferences
      .save({ ...stored.value, welcomed: false, updatedAt: clock.now().toISOString() }, stored.etag)
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'could not reset the welcome flag');
      });
  }
}

/**
 * The bot was removed (see `removalOf`): it forgets where it can no longer write, so approval
 * cards and notices go where they are seen. Teams sends several events for one removal; each
 * forgets what is left. Only the configured tenant's events count.
 */
export async function handleRemoval(context: TurnContext, runtime: BotRuntime): Promise<void> {
  const removal = removalOf(context.activity);
  if (removal === undefined) {
    return;
  }
  recordTurn(context, {
    command: removal.kind === 'personal' ? 'uninstall' : 'removed',
    outcome: 'noted',
  });
  const speaker = speakerOf(context.activity);
  const { deps } = runtime;
  const served =
    speaker.tenantId === undefined ? undefined : await deps.tenants.find(speaker.tenantId);
  if (served === undefined) {
    return;
  }
  // What is stored is under the tenant id as registered, however Teams spelled it here.
  const { tenantId } = served;
  const { userId } = speaker;
  try {
    if (removal.kind === 'personal') {
      await forgetPersonal(runtime, tenantId, removal.conversationId, userId);
      return;
    }
    const forgotten = await deps.forgetConversations({
      tenantId,
      conversationIds: removal.conversationIds,
      ...(removal.teamId === undefined ? {} : { teamId: removal.teamId }),
      why: `bot removed (${context.activity.type})`,
    });
    deps.logger.info(
      { tenantId, teamId: removal.teamId, forgotten: forgotten.conversationIds },
      'bot removed: forgotten',
    );
  } catch (error) {
    // Teams does not send it again: the 403 on the next post into it forgets it then.
    recordTurn(context, { outcome: 'failed' });
    deps.logger.warn({ err: error }, 'could not forget a conversation the bot was removed from');
  }
}
