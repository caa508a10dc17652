import { describe, expect, it } from 'vitest';
import type { LicenseWrite, LicenseWriteOutcome } from '../../../src/app/ports/license-writer.ts';
import { runBatchWrites, type BatchWriterOptions } from '../../../src/graph/batch/batch-writer.ts';
import { FakeGraphBatch, type FakeGraphOptions } from '../support/fake-graph-batch.ts';
import { VirtualClock } from '../support/virtual-clock.ts';

const SKU = '05e9a617-0261-4cee-bb44-138d3ef5d965';

function* assignments(count: number, onRead?: (index: number) => void): Generator<LicenseWrite> {
  for (let i = 0; i < count; i += 1) {
    onRead?.(i);
    yield {
      key: `item-${i}`,
      kind: 'assignLicense',
      userId: `user-${i}`,
      body: { addLicenses: [{ skuId: SKU, disabledPlans: [] }], removeLicenses: [] },
    };
  }
}

async function collect(
  iterable: AsyncIterable<LicenseWriteOutcome>,
  onOutcome?: (outcome: LicenseWriteOutcome, index: number) => void,
): Promise<LicenseWriteOutcome[]> {
  const all: LicenseWriteOutcome[] = [];
  for await (const outcome of iterable) {
    onOutcome?.(outcome, all.length);
    all.push(outcome);
  }
  return all;
}

function setup(
  fake: Omit<FakeGraphOptions, 'budget'> & { budget?: FakeGraphOptions['budget'] },
  writer: Partial<BatchWriterOptions> = {},
) {
  const clock = new VirtualClock();
  const budget = fake.budget ?? { writes: 300, windowMs: 15_000 };
  const graph = new FakeGraphBatch(clock, { ...fake, budget });
  const options: BatchWriterOptions = {
    transport: graph.transport,
    clock,
    random: () => 0.5,
    budget,
    ...writer,
  };
  return { clock, graph, options };
}

describe('batch writer', () => {
  it('runs at the write budget without going over it, one outcome per write', async () => {
    const { clock, graph, options } = setup({ latencyMs: 400 });
    const outcomes = await clock.run(collect(runBatchWrites(assignments(1000), options)));

    expect(outcomes).toHaveLength(1000);
    expect(new Set(outcomes.map((o) => o.key)).size).toBe(1000);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const perSecond = 1000 / (clock.ms / 1000);
    expect(perSecond / 20).toBeGreaterThanOrEqual(0.95);
    expect(graph.throttled).toBeLessThanOrEqual(20);
    expect(Math.max(...graph.batchSizes)).toBeLessThanOrEqual(20);
  });

  it('learns a smaller budget from 429s and keeps going with few of them', async () => {
    // The writer believes Graph's 20 writes/s; the tenant really allows 10/s (another app shares it).
    const { clock, graph, options } = setup(
      { latencyMs: 50, budget: { writes: 150, windowMs: 15_000 } },
      { budget: { writes: 300, windowMs: 15_000 } },
    );
    const outcomes = await clock.run(collect(runBatchWrites(assignments(600), options)));

    expect(outcomes.filter((o) => o.ok)).toHaveLength(600);
    expect(graph.throttled).toBeLessThan(600 * 0.1);
    expect(600 / (clock.ms / 1000) / 10).toBeGreaterThanOrEqual(0.8);
  });

  it('eases off when Graph warns the budget is nearly used, meeting fewer 429s', async () => {
    const run = async (warnNearLimit: boolean) => {
      const { clock, graph, options } = setup(
        { latencyMs: 50, budget: { writes: 150, windowMs: 15_000 }, warnNearLimit },
        { budget: { writes: 300, windowMs: 15_000 } },
      );
      const outcomes = await clock.run(collect(runBatchWrites(assignments(600), options)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(600);
      return graph.throttled;
    };
    const warned = await run(true);
    const blind = await run(false);
    expect(warned).toBeLessThan(blind);
  });

  it('waits out the Retry-After of a throttled batch before sending again', async () => {
    const sentAt: number[] = [];
    const { clock, graph, options } = setup({
      latencyMs: 10,
      batchFault: (n) => (n === 1 ? 'outer429' : 'none'),
    });
    const transport = options.transport;
    options.transport = (steps) => {
      sentAt.push(clock.ms);
      return transport(steps);
    };
    const outcomes = await clock.run(collect(runBatchWrites(assignments(20), options)));

    expect(outcomes.every((o) => o.ok && o.attempts === 2)).toBe(true);
    expect(sentAt).toEqual([0, 3000]);
    expect(graph.throttled).toBe(1);
  });

  it('re-batches inner 429s and loses no write', async () => {
    const { clock, graph, options } = setup(
      { latencyMs: 100, budget: { writes: 45, windowMs: 10_000 } },
      { budget: { writes: 1000, windowMs: 10_000 }, initialConcurrency: 8 },
    );
    const outcomes = await clock.run(collect(runBatchWrites(assignments(200), options)));

    expect(graph.throttled).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(200);
    expect(new Set(outcomes.map((o) => o.key)).size).toBe(200);
  });

  it('retries a 503 and a dropped connection, with jittered backoff', async () => {
    const { clock, options } = setup({
      latencyMs: 10,
      batchFault: (n) => (n === 1 ? '503' : n === 2 ? 'drop' : 'none'),
    });
    const outcomes = await clock.run(collect(runBatchWrites(assignments(40), options)));

    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.map((o) => o.attempts).sort()).toEqual([...Array(40).fill(2)]);
  });

  it('gives up on a write that keeps failing with 5xx after a bounded number of sends', async () => {
    const { clock, options } = setup(
      {
        latencyMs: 10,
        answer: () => ({
          status: 503,
          headers: {},
          body: { error: { code: 'serviceNotAvailable', message: 'x' } },
        }),
      },
      { maxAttempts: 4 },
    );
    const [outcome] = await clock.run(collect(runBatchWrites(assignments(1), options)));

    expect(outcome).toMatchObject({
      ok: false,
      attempts: 4,
      failure: { code: 'UNAVAILABLE', retryable: true },
    });
  });

  it('never retries a business error, and maps it', async () => {
    const { clock, graph, options } = setup({
      latencyMs: 10,
      answer: (step) =>
        step.url === '/users/user-3/assignLicense'
          ? {
              status: 400,
              headers: {},
              body: {
                error: {
                  code: 'Request_BadRequest',
                  message: `Subscription ${SKU} does not have any available licenses.`,
                },
              },
            }
          : { status: 200, headers: {}, body: {} },
    });
    const outcomes = await clock.run(collect(runBatchWrites(assignments(10), options)));

    const failed = outcomes.find((o) => o.key === 'item-3');
    expect(failed).toMatchObject({
      ok: false,
      attempts: 1,
      failure: { code: 'NO_SEATS', skuId: SKU },
    });
    expect(graph.attemptsByUrl.get('/users/user-3/assignLicense')).toBe(1);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(9);
  });

  it('streams outcomes while reading writes lazily', async () => {
    let read = 0;
    let readWhenFirstOutcome = -1;
    const { clock, options } = setup({ latencyMs: 200 });
    await clock.run(
      collect(
        runBatchWrites(
          assignments(2000, (i) => (read = i + 1)),
          options,
        ),
        (_, index) => {
          if (index === 0) {
            readWhenFirstOutcome = read;
          }
        },
      ),
    );

    expect(readWhenFirstOutcome).toBeGreaterThan(0);
    expect(readWhenFirstOutcome).toBeLessThan(200);
  });

  it('stops reading and sending when the reader breaks out', async () => {
    let read = 0;
    const { clock, graph, options } = setup({ latencyMs: 50 });
    await clock.run(
      (async () => {
        for await (const outcome of runBatchWrites(
          assignments(5000, (i) => (read = i + 1)),
          options,
        )) {
          if (outcome.key === 'item-30') {
            break;
          }
        }
      })(),
    );

    const sent = graph.batchSizes.reduce((a, b) => a + b, 0);
    expect(read).toBeLessThan(400);
    // At most the one batch that was waiting for its turn was read and never sent.
    expect(read - sent).toBeGreaterThanOrEqual(0);
    expect(read - sent).toBeLessThanOrEqual(20);
  });

  it('ends with the abort reason after reporting every write it sent', async () => {
    const controller = new AbortController();
    const { clock, graph, options } = setup({ latencyMs: 300 });
    const seen: LicenseWriteOutcome[] = [];
    const run = (async () => {
      for await (const outcome of runBatchWrites(assignments(5000), options, controller.signal)) {
        seen.push(outcome);
        if (seen.length === 100) {
          controller.abort(new Error('stop requested'));
        }
      }
    })();
    await expect(clock.run(run)).rejects.toThrow('stop requested');

    const sent = graph.batchSizes.reduce((a, b) => a + b, 0);
    expect(seen).toHaveLength(sent);
    expect(sent).toBeLessThan(5000);
  });
});
