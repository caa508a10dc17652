import type { ConversationReference, TurnContext } from 'botbuilder';
import type { LicenseDeskAdapter } from './bot-adapter.ts';

/**
 * Writes into a conversation outside of a turn (approval cards, "your request was approved",
 * alerts), from a conversation reference stored earlier. Works in both modes: the adapter signs
 * the outgoing calls with the bot's identity, or sends none when anonymous.
 */
export class ProactiveMessenger {
  readonly #adapter: LicenseDeskAdapter;

  constructor(adapter: LicenseDeskAdapter) {
    this.#adapter = adapter;
  }

  /**
   * Runs `logic` in a new turn on the stored conversation (send, update or delete activities).
   * Messages sent there are new posts in the conversation.
   */
  continueConversation(
    reference: Partial<ConversationReference> | Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    // Without the stored activity id the message is a new post, not a reply threaded under
    // whatever message the reference was taken from.
    const { activityId: _threadedUnder, ...conversation } =
      reference as Partial<ConversationReference>;
    return this.#adapter.continueConversationAsync(this.#adapter.botAppId, conversation, logic);
  }
}
