import { ActivityHandler, TurnContext, type ConversationReference } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotPlatform, type BotPlatform } from '../../src/server/bot-platform.ts';
import type { ProactiveMessenger } from '../../src/server/proactive-messenger.ts';
import { teamsActivity } from '../support/activities.ts';
import { startLocalConnector, type LocalConnector } from '../support/connector.ts';
import { recordingLogger } from '../support/recording-logger.ts';

describe('proactive messages', () => {
  let connector: LocalConnector;
  let platform: BotPlatform;
  const references: Partial<ConversationReference>[] = [];
  let given: ProactiveMessenger | undefined;

  beforeAll(async () => {
    connector = await startLocalConnector();
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      // What the conversation side stores (as JSON, in Cosmos) to write later.
      references.push(
        JSON.parse(
          JSON.stringify(TurnContext.getConversationReference(context.activity)),
        ) as Partial<ConversationReference>,
      );
      await next();
    });
    platform = await startBotPlatform({
      bot: (messenger) => {
        given = messenger;
        return bot;
      },
      auth: { kind: 'anonymous' },
      logger: recordingLogger(),
      port: 0,
    });
  });

  afterAll(async () => {
    await platform.server.close();
    await connector.close();
  });

  it('hands the bot the messenger it will write with', () => {
    expect(given).toBe(platform.messenger);
  });

  it('writes into a conversation from a stored reference, outside any turn', async () => {
    const activity = teamsActivity(connector.serviceUrl, { aadObjectId: 'megan' }, { text: 'hi' });
    await fetch(`${platform.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(references).toHaveLength(1);
    expect(connector.calls).toHaveLength(0);

    await platform.messenger.continueConversation(references[0]!, async (context) => {
      await context.sendActivity('Your request was approved by Megan Bowen.');
    });

    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]).toMatchObject({
      conversationId: activity.conversation.id,
      activity: { text: 'Your request was approved by Megan Bowen.' },
    });
    // A new post: not threaded under the message the reference was taken from.
    expect(connector.calls[0]!.activityId).not.toBe(activity.id);
  });

  it('can update a card it sent before (approval card changing state)', async () => {
    let sentId = '';
    await platform.messenger.continueConversation(references[0]!, async (context) => {
      sentId = (await context.sendActivity('Pending approval'))?.id ?? '';
    });
    await platform.messenger.continueConversation(references[0]!, async (context) => {
      await context.updateActivity({ id: sentId, type: 'message', text: 'Approved' });
    });
    const update = connector.calls.find((call) => call.kind === 'update');
    expect(update).toMatchObject({ activityId: sentId, activity: { text: 'Approved' } });
  });
});
