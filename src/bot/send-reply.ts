import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Reply } from './routing/command.ts';

/** Sends a command's answer into the conversation it came from. */
export async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  if ('card' in reply) {
    await context.sendActivity(MessageFactory.attachment(reply.card));
  } else if ('file' in reply) {
    const attachments = reply.download ? [reply.file, reply.download] : [reply.file];
    await context.sendActivity(MessageFactory.list(attachments, reply.text));
  } else {
    await context.sendActivity(MessageFactory.text(reply.text));
  }
}
