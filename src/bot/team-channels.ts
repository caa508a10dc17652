import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { ConversationStore, StoredConversation } from '../app/ports/stores.ts';
import type { BotRuntime } from './turn-deps.ts';

const teamOfChannel = z.object({ team: z.object({ id: z.string().min(1) }) });

/** The team a channel activity comes from (`channelData.team.id`), when Teams says. */
export function teamIdOf(activity: Pick<Activity, 'channelData'>): string | undefined {
  const parsed = teamOfChannel.safeParse(activity.channelData);
  return parsed.success ? parsed.data.team.id : undefined;
}

/** Saves of `channelId` get `teamId`, unless they carry one already; the rest go through as is. */
function stampingTeam(
  store: ConversationStore,
  channelId: string,
  teamId: string,
): ConversationStore {
  const stamp = (conversation: StoredConversation): StoredConversation =>
    conversation.kind === 'channel' &&
    conversation.conversationId === channelId &&
    conversation.teamId === undefined
      ? { ...conversation, teamId }
      : conversation;
  return {
    save: (conversation) => store.save(stamp(conversation)),
    get: (tenantId, conversationId) => store.get(tenantId, conversationId),
    findPersonal: (tenantId, userId) => store.findPersonal(tenantId, userId),
    list: (tenantId, kind) => store.list(tenantId, kind),
    remove: (tenantId, conversationId) => store.remove(tenantId, conversationId),
    removeTeam: (tenantId, team) => store.removeTeam(tenantId, team),
    claimWelcome: (tenantId, conversationId, at) =>
      store.claimWelcome(tenantId, conversationId, at),
  };
}

/**
 * The runtime for a turn in a team channel, whose saves of that channel keep its team. Commands
 * save the channel they are typed in (`approvals here`) from the turn's place, which knows
 * nothing of teams: without the team, removing the bot from it could not find that channel to
 * forget it, and approval cards would go on being posted where Teams refuses them.
 */
export function runtimeInChannel(context: TurnContext, runtime: BotRuntime): BotRuntime {
  const { activity } = context;
  const teamId = teamIdOf(activity);
  if (activity.conversation.conversationType !== 'channel' || teamId === undefined) {
    return runtime;
  }
  const channelId = activity.conversation.id.split(';messageid=')[0]!;
  const conversations = stampingTeam(runtime.deps.conversations, channelId, teamId);
  return { ...runtime, deps: { ...runtime.deps, conversations } };
}
