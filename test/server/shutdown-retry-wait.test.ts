import { afterAll, describe, expect, it } from 'vitest';
import { cardOf, executeValue } from '../bot/support/replies.ts';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const personal = (userId: string) => `a:personal-${userId}`;
const DRAIN_MS = 15_000;

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
  it('ends the retry waits at once: close does not wait out the drain time', async () => {
    // A long drain: a close held up by the retry waits would show as the drain running out.
    stack = await startTestStack({ drainTimeoutMs: DRAIN_MS });
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
    // The notifier drained before its deadline: the retry waits ended when close began.
    expect(stack.logs.map((line) => line.message)).not.toContain(
      'changes still being told at shutdown: the next start tells them',
    );
    // A close held up by the waits would take the whole drain time; half of it is ample slack.
    expect(Date.now() - started).toBeLessThan(DRAIN_MS / 2);
    const refusedAtClose = connector.refused.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Nothing tries again after close.
    expect(connector.refused.length).toBe(refusedAtClose);
  }, 60_000);
});
