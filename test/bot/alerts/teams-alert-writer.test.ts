import { describe, expect, it } from 'vitest';
import type { StoredConversation } from '../../../src/app/ports/stores.ts';
import { TeamsAlertWriter } from '../../../src/bot/alerts/teams-alert-writer.ts';
import type { ConversationWriter } from '../../../src/bot/requests/conversation-writer.ts';
import { recordingLogger } from '../../support/recording-logger.ts';

const conversation: StoredConversation = {
  tenantId: 't1',
  conversationId: '19:ops@thread.tacv2',
  kind: 'channel',
  reference: {},
  updatedAt: '2026-12-06T08:00:00.000Z',
};

const message = {
  summary: false,
  alerts: [
    {
      finding: {
        id: 'group-errors:g1',
        kind: 'group-errors' as const,
        fingerprint: 'users=1',
        title: 'Group "Contractors": 1 member without their licenses',
        users: 1,
        reason: 'Not enough licenses',
        fix: { kind: 'group' as const, groupId: 'g1' },
      },
      openedAt: '2026-12-06T08:00:00.000Z',
      changedAt: '2026-12-06T08:00:00.000Z',
      deliveries: [],
    },
  ],
};

/** The Bot Connector refusing every write the way botbuilder reports it. */
function refusing(statusCode: number, code?: string): ConversationWriter & { tries: number } {
  const writer = {
    tries: 0,
    continueConversation: () => {
      writer.tries += 1;
      return Promise.reject(Object.assign(new Error('refused'), { statusCode, code }));
    },
  };
  return writer;
}

const writerFor = (connector: ConversationWriter) =>
  new TeamsAlertWriter({
    writer: connector,
    logger: recordingLogger(),
    retry: { sleep: () => Promise.resolve(), attempts: 3 },
  });

describe('the Teams alert writer tells the monitor what Teams said', () => {
  it('gone: the bot is no longer in the conversation (403 roster, 404)', async () => {
    expect(
      await writerFor(refusing(403, 'BotNotInConversationRoster')).post(conversation, message),
    ).toEqual({ outcome: 'gone' });
    expect(
      await writerFor(refusing(404, 'ConversationNotFound')).update(conversation, 'a1', message),
    ).toEqual({ outcome: 'gone' });
  });

  it('later: still throttled after its retries, so the next look posts it', async () => {
    const connector = refusing(429);
    expect(await writerFor(connector).post(conversation, message)).toEqual({ outcome: 'later' });
    expect(connector.tries).toBe(3);
  });

  it('failed, without posting again: a gateway timeout may have let the post in', async () => {
    const connector = refusing(502);
    expect(await writerFor(connector).post(conversation, message)).toEqual({ outcome: 'failed' });
    expect(connector.tries).toBe(1);
  });

  it('later for an update Teams timed out on: updating again is harmless', async () => {
    const connector = refusing(504);
    expect(await writerFor(connector).update(conversation, 'a1', message)).toEqual({
      outcome: 'later',
    });
    expect(connector.tries).toBe(3);
  });
});
