import { describe, expect, it } from 'vitest';
import type { LicenseWrite, LicenseWriteOutcome } from '../../../src/app/ports/license-writer.ts';
import { runBatchWrites } from '../../../src/graph/batch/batch-writer.ts';
import { WritePacer } from '../../../src/graph/batch/write-pacer.ts';
import { FakeGraphBatch } from '../support/fake-graph-batch.ts';
import { VirtualClock } from '../support/virtual-clock.ts';

const SKU = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const BUDGET = { writes: 300, windowMs: 15_000 };

function* assignments(prefix: string, count: number): Generator<LicenseWrite> {
  for (let i = 0; i < count; i += 1) {
    yield {
      key: `${prefix}-${i}`,
      kind: 'assignLicense',
      userId: `${prefix}-user-${i}`,
      body: { addLicenses: [{ skuId: SKU, disabledPlans: [] }], removeLicenses: [] },
    };
  }
}

async function collect(iterable: AsyncIterable<LicenseWriteOutcome>) {
  const all: LicenseWriteOutcome[] = [];
  for await (const outcome of iterable) {
    all.push(outcome);
  }
  return all;
}

describe("a tenant's write budget", () => {
  it('is shared by two runs side by side through one pacer: together they keep to it', async () => {
    const clock = new VirtualClock();
    const graph = new FakeGraphBatch(clock, { latencyMs: 400, budget: BUDGET });
    const pacer = new WritePacer(BUDGET, { random: () => 0.5 });
    const options = { transport: graph.transport, clock, random: () => 0.5, pacer };

    const [first, second] = await clock.run(
      Promise.all([
        collect(runBatchWrites(assignments('a', 500), options)),
        collect(runBatchWrites(assignments('b', 500), options)),
      ]),
    );

    expect([...first, ...second].every((outcome) => outcome.ok)).toBe(true);
    // 1,000 writes at 20 a second take 50 s whether one run sends them or two.
    const perSecond = 1000 / (clock.ms / 1000);
    expect(perSecond).toBeLessThanOrEqual(20 * 1.02);
    expect(perSecond).toBeGreaterThanOrEqual(20 * 0.9);
    expect(graph.throttled).toBeLessThanOrEqual(20);
  });
});

describe("the app's write budget across tenants", () => {
  it('lets two tenants run side by side, each at its own ceiling', async () => {
    const clock = new VirtualClock();
    const contoso = new FakeGraphBatch(clock, { latencyMs: 400, budget: BUDGET });
    const fabrikam = new FakeGraphBatch(clock, { latencyMs: 400, budget: BUDGET });
    // Roomy for two tenants: it never binds.
    const appPacer = new WritePacer({ writes: 3000, windowMs: 15_000 }, { random: () => 0.5 });
    const run = (graph: FakeGraphBatch, prefix: string) =>
      collect(
        runBatchWrites(assignments(prefix, 500), {
          transport: graph.transport,
          clock,
          random: () => 0.5,
          pacer: new WritePacer(BUDGET, { random: () => 0.5 }),
          appPacer,
        }),
      );

    await clock.run(Promise.all([run(contoso, 'c'), run(fabrikam, 'f')]));

    // 500 writes each at 20 a second, in parallel: 25 s, not the 50 s one budget would take.
    expect(1000 / (clock.ms / 1000)).toBeGreaterThanOrEqual(40 * 0.9);
    expect(contoso.throttled + fabrikam.throttled).toBeLessThanOrEqual(20);
  });

  it('bounds the sum of every tenant’s writes when it is the tighter limit', async () => {
    const clock = new VirtualClock();
    const graphs = [0, 1, 2].map(
      () => new FakeGraphBatch(clock, { latencyMs: 50, budget: BUDGET }),
    );
    // 30 writes a second for the app, under three tenants' 60.
    const appPacer = new WritePacer({ writes: 450, windowMs: 15_000 }, { random: () => 0.5 });

    const runs = graphs.map((graph, index) =>
      collect(
        runBatchWrites(assignments(`t${index}`, 300), {
          transport: graph.transport,
          clock,
          random: () => 0.5,
          pacer: new WritePacer(BUDGET, { random: () => 0.5 }),
          appPacer,
        }),
      ),
    );
    const outcomes = (await clock.run(Promise.all(runs))).flat();

    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const perSecond = 900 / (clock.ms / 1000);
    expect(perSecond).toBeLessThanOrEqual(30 * 1.02);
    expect(perSecond).toBeGreaterThanOrEqual(30 * 0.85);
  });
});
