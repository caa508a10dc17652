import type { Activity } from 'botbuilder';
import { loadConfig, type EmbeddedConfig } from '../../src/config.ts';
import {
  startEmbeddedServices,
  type EmbeddedServices,
} from '../../src/embedded/embedded-services.ts';
import { startLicenseDesk, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { teamsActivity } from './activities.ts';
import { startLocalConnector, type LocalConnector } from './connector.ts';
import { recordingLogger } from './recording-logger.ts';

/**
 * One simulator, one Cosmos-compatible store and one recording connector shared by several
 * License Desk processes, as App Service instances share them: a test starts an instance, lets it
 * die, and checks what the next one does.
 */
export interface Instances {
  config: EmbeddedConfig;
  services: EmbeddedServices;
  connector: LocalConnector;
  /** Starts one more License Desk process on the shared services; `close()` closes it too. */
  start(): Promise<RunningLicenseDesk>;
  /** Calls the simulator's control API (`/_simulator…`) and returns its JSON answer. */
  simulator(path: string, method?: string, body?: unknown): Promise<unknown>;
  /** How many `assignLicense` calls the simulator counted since its counters were last reset. */
  assignLicenseCalls(): Promise<number>;
  /** Posts a Teams activity from `userId` in their personal chat with the bot to `desk`. */
  post(desk: RunningLicenseDesk, userId: string, partial: Partial<Activity>): Promise<Response>;
  /** Closes every instance started, then the connector and the services. */
  close(): Promise<void>;
}

/** Starts the shared services; instances close within `drainTimeoutMs` (2 s unless told). */
export async function startInstances(
  options: { drainTimeoutMs?: number } = {},
): Promise<Instances> {
  const loaded = loadConfig({ LOG_LEVEL: 'silent', SIMULATOR_PORT: '0', SIMULATOR_SIZE: '300' });
  if (loaded.mode !== 'embedded') {
    throw new Error('This test runs in the embedded mode.');
  }
  const config = loaded;
  const services = await startEmbeddedServices(config);
  const connector = await startLocalConnector();
  const desks: RunningLicenseDesk[] = [];

  async function simulator(path: string, method = 'GET', body?: unknown): Promise<unknown> {
    const res = await fetch(`${services.simulator.url}/_simulator${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    return res.json();
  }

  return {
    config,
    services,
    connector,
    async start() {
      const desk = await startLicenseDesk(
        { ...config, port: 0 },
        {
          embedded: services,
          logger: recordingLogger(),
          drainTimeoutMs: options.drainTimeoutMs ?? 2_000,
        },
      );
      desks.push(desk);
      // Its start-up jobs (resume, tell) have looked at the store before the test writes to it:
      // a test that stages what a dead process left must not race this instance's own jobs.
      await desk.jobs.idle();
      return desk;
    },
    simulator,
    async assignLicenseCalls() {
      const body = (await simulator('/counters')) as {
        requests: { byRoute: Record<string, number> };
      };
      return Object.entries(body.requests.byRoute)
        .filter(([route]) => route.includes('assignLicense'))
        .reduce((sum, [, count]) => sum + count, 0);
    },
    post(desk, userId, partial) {
      return fetch(`${desk.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          teamsActivity(
            connector.serviceUrl,
            { aadObjectId: userId, tenantId: config.tenantId },
            partial,
          ),
        ),
      });
    },
    async close() {
      for (const desk of desks) {
        await desk.close();
      }
      await connector.close();
      await services.close();
    },
  };
}

/** Reads until `done` holds or 15 s pass, every `everyMs`; returns the last value read. */
export async function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
