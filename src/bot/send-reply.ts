import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Reply } from './routing/command.ts';

/** Sends a command's answer into the conversation it came from. */
export async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  await context.sendActivity(
    'card' in reply ? MessageFactory.attachment(reply.card) : MessageFactory.text(reply.text),
  );
}
