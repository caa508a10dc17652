import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { executeValue, invokedCard, shownOn } from '../support/replies.ts';
import { MEGAN, startRequestStack } from '../support/request-stack.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const OPERATION_ID = 'op-stopped-from-the-card';

let stack: TestStack;
const textOf = (call: { activity: Record<string, unknown> }): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';

beforeAll(async () => {
  stack = await startRequestStack({ size: 300 });
});

afterAll(async () => {
  await stack.close();
});

describe('the Stop button of a running request', () => {
  it('stops the run: the card says so at once, the rest is not done, Alex is told what was', async () => {
    const tenant = stack.simulator.tenant();
    const targets = tenant
      .users()
      .filter((user) => user.usageLocation !== null)
      .filter((user) => !user.licenseAssignmentStates.some((s) => s.skuId === POWER_BI_PRO))
      .slice(0, 120)
      .map((user) => user.id);
    const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
    tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + targets.length);
    // Slow writes: the run is still going when Megan clicks.
    await fetch(`${stack.simulator.url}/_simulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writeLatencyMs: 300 }),
    });
    await saveBulkAssign(stack.desk.store, {
      id: OPERATION_ID,
      tenantId: stack.tenantId,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'running',
    });
    void stack.desk.jobs.runNow('resume unfinished runs');
    const items = () => stack.desk.store.operationItems.countByState(stack.tenantId, OPERATION_ID);
    while ((await items()).sent + (await items()).done === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const click = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-cancel', { operationId: OPERATION_ID }),
      MEGAN,
    );
    const card = shownOn(invokedCard(click)).join('\n');
    expect(card).toContain('Stopping: Megan Bowen stopped the run');
    expect(card).not.toContain('Stop the run');

    let state = '';
    for (let wait = 0; wait < 200 && state !== 'cancelled'; wait += 1) {
      state = (await stack.desk.store.operations.get(stack.tenantId, OPERATION_ID))!.value.state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state).toBe('cancelled');
    const counts = await items();
    expect(counts.done).toBeLessThan(targets.length);
    expect(counts.done + counts.cancelled).toBe(targets.length);
    const [told] = await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${ALEX_WILBER}` && textOf(call).startsWith('Stopped:'),
    );
    expect(textOf(told!)).toContain(
      `Megan Bowen stopped the run: ${counts.done} done, 0 failed, ${counts.cancelled} not done`,
    );
    await fetch(`${stack.simulator.url}/_simulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writeLatencyMs: 0 }),
    });
    await stack.settle();
  }, 60_000);

  it('is on the card of a running request for the approvers and the requester, not for others', async () => {
    const { approvalCard } = await import('../../../src/bot/requests/approval-card.ts');
    const running = (await stack.desk.store.operations.get(stack.tenantId, OPERATION_ID))!.value;
    const live = { ...running, state: 'running' as const, cancelRequested: undefined };
    const titles = (viewer?: { userId: string; isApprover: boolean }) =>
      JSON.stringify(approvalCard(live, viewer ? { viewer } : {}).content);
    expect(titles()).toContain('Stop the run');
    expect(titles({ userId: MEGAN, isApprover: true })).toContain('Stop the run');
    expect(titles({ userId: live.requester.userId, isApprover: false })).toContain('Stop the run');
    expect(titles({ userId: 'someone-else', isApprover: false })).not.toContain('Stop the run');
  });
});
