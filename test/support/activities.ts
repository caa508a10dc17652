import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Who an activity comes from: the Teams user's Entra object id and tenant. */
export interface Speaker {
  aadObjectId: string;
  tenantId?: string;
  name?: string;
}

export const BOT_ID = '28:license-desk-bot';
export const DEFAULT_TENANT_ID = '00000000-0000-0000-0000-0000000000001';

function nextId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** The personal conversation id Teams would give this user with the bot. */
export function personalConversationId(aadObjectId: string): string {
  return `a:personal-${aadObjectId}`;
}

/**
 * A Teams-shaped activity as the channel posts it: channelId `msteams`, the tenant in both
 * `conversation.tenantId` and `channelData.tenant.id`, `from.aadObjectId`, the bot as recipient,
 * and the local connector as `serviceUrl`. `partial` overrides any field.
 */
export function teamsActivity(
  serviceUrl: string,
  speaker: Speaker,
  partial: Partial<Activity> & { text?: string },
): Activity {
  const tenantId = speaker.tenantId ?? DEFAULT_TENANT_ID;
  const conversation = partial.conversation ?? {
    id: personalConversationId(speaker.aadObjectId),
    conversationType: 'personal',
    tenantId,
    isGroup: false,
    name: '',
  };
  return {
    type: 'message',
    id: nextId('act'),
    timestamp: new Date(),
    localTimestamp: new Date(),
    channelId: 'msteams',
    serviceUrl,
    from: {
      id: `29:${speaker.aadObjectId}`,
      name: speaker.name ?? 'Test User',
      aadObjectId: speaker.aadObjectId,
    },
    recipient: { id: BOT_ID, name: 'License Desk' },
    locale: 'en-US',
    textFormat: 'plain',
    channelData: { tenant: { id: tenantId } },
    ...partial,
    conversation,
  } as Activity;
}
