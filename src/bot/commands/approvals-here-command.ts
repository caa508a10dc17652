import { z } from 'zod';
import type { TextCommand } from '../routing/command.ts';

/**
 * `approvals here`: an approver makes this team channel or group chat the place where approval
 * cards go. The conversation's reference is kept so cards can be posted there later.
 */
export const approvalsHereCommand: TextCommand<string> = {
  name: 'approvals here',
  aliases: [],
  role: 'approver',
  summary: 'send approval cards to this channel or group chat',
  example: 'approvals here',
  input: z.string().max(0),
  usage: 'Type just `approvals here` in the channel or group chat where approvers work.',
  handle: async ({ caller, deps, place }) => {
    if (place.conversationType === 'personal') {
      return {
        text: 'Type `approvals here` in the team channel or group chat where the license approvers work, not in our private chat.',
      };
    }
    const now = deps.clock.now().toISOString();
    // Written through: the bot may have been removed and added back, and the conversation
    // forgotten by another instance, since this one last saved it.
    await deps.conversations.save(
      {
        tenantId: caller.tenantId,
        conversationId: place.conversationId,
        kind: place.conversationType === 'channel' ? 'channel' : 'groupChat',
        reference: place.reference,
        ...(place.teamId !== undefined ? { teamId: place.teamId } : {}),
        updatedAt: now,
      },
      { refresh: false },
    );
    await deps.requests.setApprovalChannel(caller, place.conversationId);
    return { text: 'From now on, license requests that need an approver come here.' };
  },
};
