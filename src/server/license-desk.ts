import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DirectoryCacheTimes } from '../app/caching/cached-directory.ts';
import type { Clock } from '../app/ports/clock.ts';
import type { Directory } from '../app/ports/directory.ts';
import type { Logger } from '../app/ports/logger.ts';
import type { Telemetry } from '../app/ports/telemetry.ts';
import { RunsInFlight } from '../app/runs/runs-in-flight.ts';
import { createLicenseDeskBot } from '../bot/license-desk-bot.ts';
import type { Config } from '../config.ts';
import type { EmbeddedServices } from '../embedded/embedded-services.ts';
import { systemClock } from '../graph/index.ts';
import { createLogger } from '../logging.ts';
import { openCosmosStore, type CosmosStore } from '../store/index.ts';
import {
  countingAlertsSent,
  countingStateChanges,
  countingUsersProcessed,
} from '../telemetry/counted-ports.ts';
import { openTelemetry } from '../telemetry/open-telemetry-at-start.ts';
import { registerAlertJobs } from './alert-jobs.ts';
import { BackgroundJobs } from './background-jobs.ts';
import { openBotChannel, startBotPlatform, type PlatformLogger } from './bot-platform.ts';
import { alertWriter } from './compose/alert-writer.ts';
import { scheduleNotifier } from './compose/schedule-notifier.ts';
import { registerScheduleJobs } from './schedule-jobs.ts';
import { mountRestApi } from './compose/api.ts';
import { botAuthentication } from './compose/bot-authentication.ts';
import { botDependencies } from './compose/bot-dependencies.ts';
import { changeTelling } from './compose/change-telling.ts';
import { readyDemoTenant } from './compose/demo-tenant.ts';
import { openMode } from './compose/embedded-mode.ts';
import { graphAdapters } from './compose/graph-adapters.ts';
import { requestNotifier } from './compose/notifier.ts';
import { healthChecks, readinessChecks } from './compose/platform-checks.ts';
import { readCaches } from './compose/read-caches.ts';
import { servedTenants } from './compose/served-tenants.ts';
import { settledWithin, ShutdownSteps } from './compose/shutdown-steps.ts';
import { seedTemplatesAtStart } from './compose/templates-at-start.ts';
import { licenseDeskUseCases } from './compose/use-cases.ts';
import { DEFAULT_DRAIN_TIMEOUT_MS } from './http-server.ts';
import type { ProactiveMessenger } from './proactive-messenger.ts';
import { registerRequestJobs } from './request-jobs.ts';

export { DEMO_APPROVERS_GROUP } from './compose/demo-tenant.ts';
export { EXPIRY_JOB, RESUME_JOB, TELL_JOB } from './request-jobs.ts';
export { ALERT_JOB } from './alert-jobs.ts';

/** What tests and tools may replace; everything else comes from the config. */
export interface LicenseDeskOverrides {
  logger?: Logger & PlatformLogger;
  clock?: Clock;
  /** Listen address; loopback unless a deployment says otherwise. */
  host?: string;
  drainTimeoutMs?: number;
  /** How often `/readyz` and `/healthz` may really look at Cosmos and Graph (tests: 0). */
  checkMaxAgeMs?: { readiness?: number; health?: number };
  /** Extra botbuilder auth settings (OpenID metadata on loopback, for offline auth tests). */
  extraAuthOptions?: Record<string, string>;
  /** Telemetry to use instead of what `APPLICATIONINSIGHTS_CONNECTION_STRING` says. */
  telemetry?: Telemetry;
  /**
   * How long the views may show seat counts and the organization again (0: read every time,
   * for tests that change the tenant behind License Desk's back).
   */
  readCacheTimes?: DirectoryCacheTimes;
  /**
   * Stand-ins already running (embedded mode), for a second instance on the same simulator and
   * Cosmos, as two App Service instances share Graph and the database; left running on close.
   */
  embedded?: EmbeddedServices;
}

/** A running License Desk: the bot's URL and the parts tools and tests reach into. */
export interface RunningLicenseDesk {
  /** e.g. `http://127.0.0.1:3978`; the messages endpoint is `${url}/api/messages`. */
  url: string;
  config: Config;
  logger: Logger & PlatformLogger;
  directory: Directory;
  store: CosmosStore;
  messenger: ProactiveMessenger;
  /** The process's periodic jobs: register more with `jobs.register`; stopped on close. */
  jobs: BackgroundJobs;
  /** Only in embedded mode. */
  embedded?: EmbeddedServices;
  /**
   * Waits until the background work in progress now is done: runs, changes being told, job runs
   * (what a turn set going after its answer; for tools and tests, not needed to serve).
   */
  settled(): Promise<void>;
  /**
   * Graceful: stops taking turns, lets running ones finish, closes the store and the stand-ins it
   * started (never those of `npm run stand-ins` or of the overrides).
   */
  close(): Promise<void>;
}

/**
 * The composition root: wires Graph, Cosmos, the use cases, the bot and the server from the
 * config, the same way for `npm start`, the tests and the benchmark, each part in its own file
 * under `compose/`, in the order they need each other (nothing is patched in afterwards). In
 * embedded mode it first starts the Graph simulator and the in-process Cosmos server (or uses
 * those of `npm run stand-ins`) and seeds the price list. If any step fails, what was already
 * started is closed again.
 */
export async function startLicenseDesk(
  initialConfig: Config,
  overrides: LicenseDeskOverrides = {},
): Promise<RunningLicenseDesk> {
  // Telemetry first, so the logger can stamp lines with the active trace; off (undefined) unless
  // a connection string is set, and then nothing of OpenTelemetry is even loaded.
  const telemetry =
    overrides.telemetry ?? (await openTelemetry(initialConfig.applicationInsightsConnectionString));
  const logger =
    overrides.logger ??
    createLogger({
      level: initialConfig.logLevel,
      base: { mode: initialConfig.mode },
      ...(telemetry?.logFields ? { mixin: telemetry.logFields } : {}),
    });
  const clock = overrides.clock ?? systemClock;
  const drainTimeoutMs = overrides.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const steps = new ShutdownSteps(logger);
  // Pushed first, so run last: what the closing steps did is sent too, for at most the drain time
  // (an ingestion endpoint that does not answer must not hold the process).
  if (telemetry) {
    steps.push(async () => {
      if (!(await settledWithin(telemetry.shutdown(), drainTimeoutMs))) {
        logger.warn('telemetry still being sent at shutdown: the rest is dropped');
      }
    });
  }
  try {
    const mode = await openMode(
      initialConfig,
      {
        ...(overrides.embedded ? { embedded: overrides.embedded } : {}),
        ...(overrides.host ? { host: overrides.host } : {}),
      },
      steps,
    );
    const { embedded } = mode;
    const opened = await openCosmosStore(mode.config.cosmos, {
      ...(embedded ? { embedded: embedded.cosmos } : {}),
      ...(telemetry ? { telemetry } : {}),
    });
    const store = telemetry
      ? {
          ...opened,
          operationItems: countingUsersProcessed(opened.operationItems, telemetry),
        }
      : opened;
    steps.push(() => store.close());
    const graph = graphAdapters(
      mode.config,
      store.tenants,
      mode.writeBudget,
      telemetry,
      mode.writeBudget?.app,
    );
    const config = embedded
      ? await readyDemoTenant(mode.config, embedded, {
          directory: graph.directory,
          directories: graph.directories,
          registry: store.tenants,
          prices: store.prices,
          clock,
          logger,
        })
      : mode.config;
    await seedTemplatesAtStart(config, graph.directory, store, clock, logger);

    const caches = readCaches(
      graph.directories,
      config.tenantId,
      store,
      clock,
      overrides.readCacheTimes,
    );
    const tenants = servedTenants(config, store.tenants, caches, clock);
    // Every run (after a click, or resumed) is tracked: close stops them between items and waits.
    const runs = new RunsInFlight();
    const telling = changeTelling(store, clock, logger);
    const auth = {
      auth: botAuthentication(config.bot),
      logger,
      ...(overrides.extraAuthOptions ? { extraAuthOptions: overrides.extraAuthOptions } : {}),
      ...(telemetry ? { telemetry } : {}),
    };
    // The notifier writes outside turns with the channel's messenger: open it before the bot.
    const channel = openBotChannel(auth);
    const notifier = requestNotifier({
      config,
      messenger: channel.messenger,
      store,
      caches,
      tenants: tenants.access,
      telling,
      runs,
      clock,
      logger,
    });
    // Told changes are sent before the store closes (steps run last-in, first-out), for at most
    // the drain time: what is cut short stays untold, and the next start's job tells it.
    steps.push(async () => {
      if (!(await settledWithin(notifier.drain(), drainTimeoutMs))) {
        logger.warn('changes still being told at shutdown: the next start tells them');
      }
    });
    const alerts = alertWriter({ messenger: channel.messenger, runs, clock, logger });
    // Holds leases on runs; the random part tells apart two processes reusing a pid.
    const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const useCases = licenseDeskUseCases({
      config,
      graph,
      store,
      caches,
      tenants: tenants.served,
      telling,
      notifier: telemetry ? countingStateChanges(notifier, telemetry) : notifier,
      runs,
      instanceId,
      alertWriter: telemetry ? countingAlertsSent(alerts, telemetry) : alerts,
      scheduleNotifier: scheduleNotifier({
        config,
        messenger: channel.messenger,
        store,
        caches,
        tenants: tenants.access,
        runs,
        clock,
        logger,
      }),
      clock,
      logger,
    });
    const bot = botDependencies({
      config,
      useCases,
      caches,
      tenants: tenants.access,
      graph,
      store,
      clock,
      logger,
    });
    const { exportDownloads, uploadLinks } = bot;
    const platform = await startBotPlatform(
      {
        ...auth,
        bot: createLicenseDeskBot(bot.deps),
        port: config.port,
        host: overrides.host ?? config.host,
        ...(overrides.drainTimeoutMs ? { drainTimeoutMs: overrides.drainTimeoutMs } : {}),
        ...(exportDownloads ? { exportDownload: (token) => exportDownloads.download(token) } : {}),
        ...(uploadLinks ? { uploads: uploadLinks } : {}),
        health: healthChecks(graph.directory),
        readiness: readinessChecks(store),
        ...(overrides.checkMaxAgeMs ? { checkMaxAgeMs: overrides.checkMaxAgeMs } : {}),
      },
      channel,
    );
    // Closing, after the turns have drained: runs in flight reach the end of their item and give
    // their leases back (the next start resumes them) before the notifier drains what they told.
    steps.push(async () => {
      if (!(await runs.ended(drainTimeoutMs))) {
        logger.warn({ runs: runs.size }, 'runs still going at shutdown: their leases will lapse');
      }
    });
    steps.push(() => platform.server.close());
    await mountRestApi(platform.server, {
      config,
      useCases,
      tenants: tenants.access,
      logger,
      now: () => clock.now(),
      ...(telemetry ? { telemetry } : {}),
    });
    exportDownloads?.serveAt(platform.server.url);
    uploadLinks?.serveAt(platform.server.url);
    const jobs = new BackgroundJobs(logger);
    registerRequestJobs(jobs, {
      requests: useCases.requests,
      runs: useCases.runs,
      notices: useCases.notices,
      tenantIds: () => tenants.served.activeIds(),
      expirySweepSeconds: config.expirySweepSeconds,
      resumeIntervalSeconds: config.resumeIntervalSeconds,
      signal: runs.signal,
    });
    registerAlertJobs(jobs, {
      alerts: useCases.alerts,
      tenantIds: () => tenants.served.activeIds(),
      intervalSeconds: config.alertIntervalSeconds,
    });
    registerScheduleJobs(jobs, {
      schedules: useCases.schedules,
      tenantIds: () => tenants.served.activeIds(),
      intervalSeconds: config.scheduleCheckSeconds,
    });
    // Closing starts here: no new tick, and runs (the resume job's too) stop after their item.
    steps.push(async () => {
      runs.stop();
      await jobs.stop(drainTimeoutMs);
    });

    return {
      url: platform.server.url,
      config,
      logger,
      directory: graph.directory,
      store,
      messenger: platform.messenger,
      jobs,
      ...(embedded ? { embedded } : {}),
      settled: async () => {
        // A run that ends tells its changes, and a job may start a run: wait until one look
        // finds all three still.
        while (runs.size > 0 || notifier.busy || jobs.busy) {
          await runs.ended(60_000);
          await notifier.drain();
          await jobs.idle();
        }
      },
      close: steps.closeAll,
    };
  } catch (error) {
    await steps.closeAll();
    throw error;
  }
}
