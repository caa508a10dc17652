import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import {
  startEmbeddedServices,
  type EmbeddedServices,
} from '../../src/embedded/embedded-services.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { recordingLogger } from '../support/recording-logger.ts';

// Start-up needs Cosmos only: with Graph down (or throttling, or consent not granted yet) the
// process starts, says it is not ready because of Graph, and seeds templates without plans.
let config: Config;
let services: EmbeddedServices;
const desks: RunningLicenseDesk[] = [];

async function faults(options: Record<string, number>): Promise<void> {
  const res = await fetch(`${services.simulator.url}/_simulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  const loaded = loadConfig({
    LOG_LEVEL: 'silent',
    SIMULATOR_PORT: '0',
    SIMULATOR_SIZE: '200',
    // The demo looks its approvers group up in Graph: named here, so only seeding reads Graph.
    APPROVER_GROUP_IDS: '00000000-0000-0000-0000-0000000000900',
  });
  if (loaded.mode !== 'embedded') {
    throw new Error('This test runs in the embedded mode.');
  }
  config = { ...loaded, port: 0 };
  services = await startEmbeddedServices(loaded);
});

afterAll(async () => {
  for (const desk of desks) {
    await desk.close();
  }
  await services?.close();
});

describe('starting while Graph cannot be reached', () => {
  it('starts ready, reports Graph on /healthz, seeds templates without plans; a later start stamps them', async () => {
    // Every Graph call's connection is dropped; the control API still answers.
    await faults({ dropRate: 1 });
    const logger = recordingLogger();
    const first = await startLicenseDesk(config, { embedded: services, logger });
    desks.push(first);

    // Teams still reaches a bot whose Graph is down: it saves requests and says Graph is down.
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    await expect
      .poll(async () => {
        const health = (await (await fetch(`${first.url}/healthz`)).json()) as {
          dependencies: { graph: { status: string } };
        };
        return health.dependencies.graph.status;
      })
      .not.toBe('unknown');
    const health = (await (await fetch(`${first.url}/healthz`)).json()) as {
      dependencies: { graph: { status: string } };
    };
    expect(['unreachable', 'timeout']).toContain(health.dependencies.graph.status);
    const seeded = await first.store.templates.list(config.tenantId);
    expect(seeded).toHaveLength(4);
    expect(seeded.flatMap(({ value }) => value.licenses).some((l) => l.knownPlans)).toBe(false);
    expect(logger.lines.map((line) => line.message)).toContain(
      "could not read the tenant's SKUs: templates seeded without plans, stamped at a later start",
    );
    await first.close();

    await faults({ dropRate: 0 });
    const second = await startLicenseDesk(config, {
      embedded: services,
      logger: recordingLogger(),
    });
    desks.push(second);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const stamped = await second.store.templates.list(config.tenantId);
    expect(stamped.flatMap(({ value }) => value.licenses).some((l) => l.knownPlans)).toBe(true);
  });

  it('does not wait on a Graph that answers too slowly: seeding gives up on the SKUs after 5 s', async () => {
    // Far slower than the 5 s limit: a start that waited for the answer could not pass below.
    await faults({ readLatencyMs: 25_000, maxLatencyMs: 25_000, latencySpread: 0, jitterMs: 0 });
    try {
      const started = performance.now();
      const desk = await startLicenseDesk(config, {
        embedded: services,
        logger: recordingLogger(),
      });
      desks.push(desk);
      const seconds = (performance.now() - started) / 1000;
      expect(seconds).toBeGreaterThanOrEqual(4.5);
      // Three times the limit's slack for a loaded machine, and still 10 s short of the answer.
      expect(seconds).toBeLessThan(15);
      expect((await fetch(`${desk.url}/healthz`)).status).toBe(200);
    } finally {
      await faults({ readLatencyMs: 0, maxLatencyMs: 0 });
    }
  }, 60_000);
});
