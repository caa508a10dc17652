import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

async function graphStatus(url: string): Promise<string> {
  const body = (await (await fetch(`${url}/healthz`)).json()) as {
    dependencies: { graph: { status: string } };
  };
  return body.dependencies.graph.status;
}

describe('License Desk as composed by main', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // Graph's state is looked at anew on every probe here, to see the simulator go.
    stack = await startTestStack({ checkMaxAgeMs: { health: 0 } });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('is ready once Cosmos answers, and says on /healthz that Graph does', async () => {
    const res = await fetch(`${stack.url}/readyz`);
    expect(await res.json()).toEqual({ status: 'ready', checks: { cosmos: 'ok' } });
    expect(res.status).toBe(200);
    await expect.poll(() => graphStatus(stack.url)).toBe('ok');
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

  it('stays ready once the simulator is gone (turns are still answered), and /healthz says Graph is down', async () => {
    await stack.simulator.close();
    await expect.poll(() => graphStatus(stack.url), { timeout: 10_000 }).toBe('unreachable');
    const res = await fetch(`${stack.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { cosmos: 'ok' } });
  });
});
