import { z } from 'zod';
import type { TextCommand } from '../routing/command.ts';
import { keepThisConversation } from '../save-conversation.ts';

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
    await keepThisConversation(caller, place, deps);
    await deps.requests.setApprovalChannel(caller, place.conversationId);
    return { text: 'From now on, license requests that need an approver come here.' };
  },
};
