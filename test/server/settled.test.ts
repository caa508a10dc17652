import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const LYNNE = 'lynner@contoso.onmicrosoft.com';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.close();
});

describe('waiting for the background work a turn set going', () => {
  it('returns once the run is done and its outcome told, not at the answer', async () => {
    // Graph takes half a second per write: the answer comes long before the run ends.
    await fetch(`${stack.simulator.url}/_simulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writeLatencyMs: 500, maxLatencyMs: 500 }),
    });
    try {
      // An approver's own single-user assign runs at once, after the answer.
      const turn = await stack.personalMessage(
        `assign Power BI Pro to ${LYNNE} location GB`,
        MEGAN,
      );
      expect(turn.status).toBe(200);
      await stack.desk.settled();

      const lynne = stack.simulator.tenant().findUser(LYNNE)!;
      expect(
        lynne.licenseAssignmentStates.some(
          (state) => state.skuId === POWER_BI_PRO && state.assignedByGroup === null,
        ),
      ).toBe(true);
      const done = stack.replies.filter(
        (call) =>
          call.conversationId === `a:personal-${MEGAN}` &&
          typeof call.activity.text === 'string' &&
          call.activity.text.startsWith('Done:'),
      );
      expect(done).toHaveLength(1);
    } finally {
      await fetch(`${stack.simulator.url}/_simulator/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ writeLatencyMs: 0, maxLatencyMs: 0 }),
      });
    }
  });
});
