import type { ConnectorCall } from '../../support/connector.ts';
import type { TestStack } from '../../support/stack.ts';
import { shownOn } from '../support/replies.ts';
import { seededTenant } from '../support/seeded-tenant.ts';

/** License Approvers in the demo tenant. */
export const MEGAN = '00000000-0000-0000-0000-0000000000021';
/** Adele Vance: a requester. */
export const ADELE = '00000000-0000-0000-0000-0000000000022';

/** The demo tenant's Contractors group, whose members are in license errors. */
export const CONTRACTORS = seededTenant.groups.find((g) => g.displayName === 'Contractors')!.id;

/** A team channel's conversation, as Teams stamps a message there. */
export function channel(stack: TestStack, id: string, teamId = '19:it-team@thread.tacv2') {
  return {
    conversation: {
      id,
      conversationType: 'channel',
      tenantId: stack.tenantId,
      isGroup: true,
      name: 'License ops',
    },
    channelData: { tenant: { id: stack.tenantId }, team: { id: teamId }, channel: { id } },
  };
}

/** The Adaptive Cards of one connector call. */
export const cardsIn = (call: ConnectorCall): Record<string, unknown>[] =>
  ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
    (attachment) => attachment.content,
  );

/** Everything a call's cards show, joined. */
export const shownIn = (call: ConnectorCall): string => cardsIn(call).flatMap(shownOn).join('\n');

/** Whether a call carries the Contractors alert (its own card or a summary line). */
export const aboutContractors = (call: ConnectorCall): boolean =>
  shownIn(call).includes('Group "Contractors"');

/** The alerts a posted card carries: an alert card's title, or each line of a summary. */
export function alertTitlesOf(card: Record<string, unknown>): string[] {
  const body = (card.body ?? []) as { type: string; text?: string; items?: { text?: string }[] }[];
  const containers = body.filter((element) => element.type === 'Container');
  if (containers.length > 0) {
    return containers.map((container) => container.items?.[0]?.text ?? '');
  }
  return [body[1]?.text ?? ''];
}
