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
