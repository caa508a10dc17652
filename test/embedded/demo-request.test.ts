import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BULK_SKU, storeDemoRequest } from '../../src/embedded/demo-request.ts';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { executeValue, invokedCard, shownOn } from '../bot/support/replies.ts';
import { approvalCardsPosted, MEGAN, startRequestStack } from '../bot/support/request-stack.ts';

const USERS = 150;

let stack: TestStack;

beforeAll(async () => {
  stack = await startRequestStack({ size: 300 });
});

afterAll(async () => {
  await stack.close();
});

const targets = () => ({
  simulatorUrl: stack.simulator.url,
  operations: stack.desk.store.operations,
  operationItems: stack.desk.store.operationItems,
  notices: stack.desk.store.notices,
});

describe('the demo request (npm run demo-request)', () => {
  it('stores a bulk request the running bot posts to its approvers, who approve it and see it done', async () => {
    const stored = await storeDemoRequest(targets(), USERS);
    expect(stored.summary).toBe(`Assign Power BI Pro to ${USERS} users`);
    expect(stored.seats).toBeGreaterThanOrEqual(stored.toGive);

    // Stored as a typed request is: pending, from Alex, its approvers' cards due for the job.
    const operation = (await stack.desk.store.operations.get(stack.tenantId, stored.operationId))!;
    expect(operation.value).toMatchObject({
      state: 'pending',
      userCount: USERS,
      requester: { userId: ALEX_WILBER },
    });
    await stack.desk.jobs.runNow('tell untold request changes');
    for (let wait = 0; wait < 100 && approvalCardsPosted(stack, stored.operationId).length < 2;) {
      wait += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Megan's and Patti's chats, both installed: a copy each.
    expect(approvalCardsPosted(stack, stored.operationId)).toHaveLength(2);

    const approved = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId: stored.operationId }),
      MEGAN,
    );
    expect(shownOn(invokedCard(approved)).join('\n')).toContain('Approved by Megan Bowen');
    let state = '';
    for (let wait = 0; wait < 300 && !['succeeded', 'partiallyFailed'].includes(state); wait += 1) {
      state = (await stack.desk.store.operations.get(stack.tenantId, stored.operationId))!.value
        .state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(state).toBe('succeeded');
    const holders = stack.simulator
      .tenant()
      .users()
      .filter((user) => user.licenseAssignmentStates.some((s) => s.skuId === DEMO_BULK_SKU));
    const asked = await stack.desk.store.operationItems.countByState(
      stack.tenantId,
      stored.operationId,
    );
    expect(asked).toMatchObject({ done: stored.toGive, skipped: USERS - stored.toGive });
    expect(holders.length).toBeGreaterThanOrEqual(USERS);
    await stack.settle();
  });

  it('says how many users there are when asked for more than the tenant has', async () => {
    await expect(storeDemoRequest(targets(), 5_000)).rejects.toThrow(
      /The demo tenant has only \d+ users who can get Power BI Pro: ask for that many or fewer, or start the stand-ins with a larger SIMULATOR_SIZE\./,
    );
  });
});
