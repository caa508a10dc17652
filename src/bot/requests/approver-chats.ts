import type { StoredConversation } from '../../app/ports/stores.ts';
import type { BotDependencies } from '../dependencies.ts';

// Teams shows per-user card views to at most 60 people.
const MAX_APPROVERS = 60;

/** Approvers' personal chats with the bot, where they have one (the app installed for them). */
export async function approverChats(
  deps: Pick<BotDependencies, 'tenants' | 'conversations'>,
  tenantId: string,
): Promise<StoredConversation[]> {
  const chats: StoredConversation[] = [];
  const seen = new Set<string>();
  // The tenant's own approver groups, read in its own directory: never another tenant's.
  const tenant = await deps.tenants.find(tenantId);
  const directory = deps.tenants.directory(tenantId);
  for (const groupId of tenant?.access.approverGroupIds ?? []) {
    for await (const member of directory.listGroupMembers(groupId, {
      transitive: true,
      limit: MAX_APPROVERS * 4,
    })) {
      if (seen.has(member.id) || chats.length >= MAX_APPROVERS) {
        continue;
      }
      seen.add(member.id);
      const chat = await deps.conversations.findPersonal(tenantId, member.id);
      if (chat) {
        chats.push(chat);
      }
    }
  }
  return chats;
}

/** The Teams user id (MRI) a personal chat's reference names, for `refresh.userIds`. */
export function teamsUserIdOf(chat: StoredConversation): string | undefined {
  const user = chat.reference['user'] as { id?: unknown } | undefined;
  return typeof user?.id === 'string' ? user.id : undefined;
}
