import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('License Desk as composed by main', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('is ready once the simulator and Cosmos answer', async () => {
    const res = await fetch(`${stack.url}/readyz`);
    expect(await res.json()).toEqual({ status: 'ready', checks: { graph: 'ok', cosmos: 'ok' } });
    expect(res.status).toBe(200);
  });

  it('seeded the demo tenant’s prices into the price store', async () => {
    const prices = await stack.desk.store.prices.list(stack.tenantId);
    const listed = Object.keys(stack.simulator.tenant().monthlyPrices());
    expect(prices.map((price) => price.skuId).sort()).toEqual(listed.sort());
  });

  it('found the demo approvers group when none was configured', () => {
    const groups = stack.simulator.tenant().groups();
    const approvers = groups.find((group) => group.displayName === 'License Approvers');
    expect(stack.desk.config.approverGroupIds).toEqual([approvers!.id]);
  });

  it('answers a personal message through the connector and logs the turn', async () => {
    const turn = await stack.personalMessage('help', '00000000-0000-0000-0000-0000000000020');
    expect(turn.status).toBe(200);
    expect(turn.replies.length).toBeGreaterThan(0);
    const logged = stack.logs.filter(
      (line) => line.message === 'turn' && line.fields.activityId === turn.activity.id,
    );
    expect(logged).toHaveLength(1);
  });

  it('is not ready, naming Graph, once the simulator is gone', async () => {
    await stack.simulator.close();
    const res = await fetch(`${stack.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'not ready',
      checks: { graph: 'unreachable', cosmos: 'ok' },
    });
  });
});
