import type { TurnContext } from 'botbuilder';

/**
 * Writes into a stored conversation outside any turn. The server's `ProactiveMessenger` is one;
 * the bot sees only this, so it never depends on how the server signs and sends.
 */
export interface ConversationWriter {
  continueConversation(
    reference: Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/**
 * Runs `write` in the stored conversation and lets its failure reach the caller. The adapter's
 * turn error handler would otherwise swallow it (and apologise into the conversation), so a
 * failed send could neither be retried nor logged as what it is.
 */
export async function writeInto<T>(
  writer: ConversationWriter,
  reference: Record<string, unknown>,
  write: (context: TurnContext) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await writer.continueConversation(reference, async (context) => {
    try {
      outcome = { ok: true, value: await write(context) };
    } catch (error) {
      outcome = { ok: false, error };
    }
  });
  if (outcome === undefined) {
    throw new Error('The conversation was not continued.');
  }
  if (!outcome.ok) {
    throw outcome.error;
  }
  return outcome.value;
}
