import { TurnContext } from 'botbuilder';
import type { ConversationKind, ConversationSaveOptions } from '../app/ports/stores.ts';
import type { Caller } from '../app/identity/caller.ts';
import type { BotDependencies } from './dependencies.ts';
import type { TurnPlace } from './requests/outbox.ts';
import { conversationIdOf, teamIdOf } from './conversation-ids.ts';

export function kindOf(conversationType: string | undefined): ConversationKind {
  if (conversationType === 'channel') {
    return 'channel';
  }
  return conversationType === 'groupChat' ? 'groupChat' : 'personal';
}

/**
 * Keeps where the bot can write later (approvals, alerts, a requester's notifications). A
 * channel reply's id carries `;messageid=`: the channel itself is what is kept, with its team,
 * so that removing the bot from the team forgets it. By default a refresh (every personal
 * message), which the store may skip when it wrote the same moments ago; an install passes
 * `{ refresh: false }` to write through.
 */
export async function saveConversation(
  context: TurnContext,
  caller: Caller,
  deps: Pick<BotDependencies, 'conversations' | 'clock'>,
  options: ConversationSaveOptions = { refresh: true },
): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  const kind = kindOf(context.activity.conversation.conversationType);
  const conversationId = conversationIdOf(context.activity);
  const teamId = kind === 'channel' ? teamIdOf(context.activity) : undefined;
  await deps.conversations.save(
    {
      tenantId: caller.tenantId,
      conversationId,
      kind,
      ...(kind === 'personal' ? { userId: caller.userId } : {}),
      ...(teamId === undefined ? {} : { teamId }),
      reference: JSON.parse(
        JSON.stringify({
          ...reference,
          conversation: { ...reference.conversation, id: conversationId },
        }),
      ) as Record<string, unknown>,
      updatedAt: deps.clock.now().toISOString(),
    },
    options,
  );
}

/**
 * Keeps the conversation a command was typed in, written through (`approvals here`, `alerts on`):
 * the bot may have been removed and added back, and the conversation forgotten by another
 * instance, since it was last saved. Returns its kind.
 */
export async function keepThisConversation(
  caller: Caller,
  place: TurnPlace,
  deps: Pick<BotDependencies, 'conversations' | 'clock'>,
): Promise<ConversationKind> {
  const kind = kindOf(place.conversationType);
  await deps.conversations.save(
    {
      tenantId: caller.tenantId,
      conversationId: place.conversationId,
      kind,
      ...(kind === 'personal' ? { userId: caller.userId } : {}),
      ...(place.teamId !== undefined ? { teamId: place.teamId } : {}),
      reference: place.reference,
      updatedAt: deps.clock.now().toISOString(),
    },
    { refresh: false },
  );
  return kind;
}
