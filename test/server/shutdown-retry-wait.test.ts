import { afterAll, describe, expect, it } from 'vitest';
import { cardOf, executeValue } from '../bot/support/replies.ts';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const personal = (userId: string) => `a:personal-${userId}`;

let stack: TestStack | undefined;

afterAll(async () => {
  await stack?.close();
});

async function until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('closing while Teams throttles', () => {
  it('ends the retry waits at once: close takes well under the drain time', async () => {
    stack = await startTestStack();
    const { connector } = stack;
    await stack.installationUpdate(MEGAN);
    await stack.installationUpdate(PATTI);
    const asked = await stack.personalMessage(
      'assign Power BI Pro to adelev@contoso.onmicrosoft.com',
      ALEX_WILBER,
    );
    const card = cardOf({ ...asked, replies: asked.replies.filter((c) => c.kind !== 'update') });
    const { operationId } = (card.refresh as { action: { data: { operationId: string } } }).action
      .data;
    // The approvers' copies are posted (the cancel below redraws them).
    const posted = await stack.waitForCalls(
      (call) => [personal(MEGAN), personal(PATTI)].includes(call.conversationId),
      { count: 2 },
    );
    expect(posted).toHaveLength(2);

    // Every redraw is throttled: the approvers' copies wait between tries (without Retry-After
    // the waits add up to several seconds per copy; with it, up to 30 s each).
    connector.refuseNext({ kind: 'update', status: 429, times: 1_000 });
    await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-cancel', { operationId }),
      ALEX_WILBER,
    );
    await until(() => connector.refused.some((call) => call.kind === 'update'));
    expect(connector.refused.length).toBeGreaterThan(0);

    const started = Date.now();
    await stack.desk.close();
    // The stack's drain time is 2 s: a close bounded only by it would take that long.
    expect(Date.now() - started).toBeLessThan(1_500);
    const refusedAtClose = connector.refused.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Nothing tries again after close.
    expect(connector.refused.length).toBe(refusedAtClose);
  });
});
