import type { ConnectorCall } from '../../support/connector.ts';
import {
  ALEX_WILBER,
  startTestStack,
  type TestStack,
  type TestStackOptions,
} from '../../support/stack.ts';

/** License Approvers in the demo tenant. */
export const MEGAN = '00000000-0000-0000-0000-0000000000021';
export const PATTI = '00000000-0000-0000-0000-0000000000024';

/**
 * A test stack where the approvers (Megan, Patti) and the requester (Alex) have the app
 * installed, so their personal chats are known: with no approvers' channel set, approval cards
 * go to each approver's own chat.
 */
export async function startRequestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const stack = await startTestStack(options);
  for (const person of [MEGAN, PATTI, ALEX_WILBER]) {
    await stack.installationUpdate(person);
  }
  return stack;
}

/** How many `assignLicense` calls the simulator has answered so far. */
export async function assignLicenseWrites(stack: TestStack): Promise<number> {
  const res = await fetch(`${stack.simulator.url}/_simulator/counters`);
  const body = (await res.json()) as { requests: { byRoute: Record<string, number> } };
  return Object.entries(body.requests.byRoute)
    .filter(([route]) => route.includes('assignLicense'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** The approval cards of `operationId` posted (not redrawn) into Megan's and Patti's chats. */
export function approvalCardsPosted(stack: TestStack, operationId: string): ConnectorCall[] {
  const chats = [MEGAN, PATTI].map((userId) => `a:personal-${userId}`);
  return stack.replies.filter(
    (call) =>
      chats.includes(call.conversationId) &&
      call.kind !== 'update' &&
      ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).some(
        ({ content }) =>
          (content.refresh as { action?: { data?: { operationId?: string } } } | undefined)?.action
            ?.data?.operationId === operationId,
      ),
  );
}
