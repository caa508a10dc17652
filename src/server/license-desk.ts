import { CachedDirectory, type DirectoryCacheTimes } from '../app/caching/cached-directory.ts';
import { CachedPriceList } from '../app/caching/cached-price-list.ts';
import { ConversationSaveMemo } from '../app/caching/conversation-save-memo.ts';
import { LicenseWritesClear } from '../app/caching/license-writes-clear.ts';
import type { Clock } from '../app/ports/clock.ts';
import type { Directory } from '../app/ports/directory.ts';
import type { Logger } from '../app/ports/logger.ts';
import { NoticeFirstOperationStore } from '../app/notices/notice-first-operations.ts';
import { RunsInFlight } from '../app/runs/runs-in-flight.ts';
import { pricingUseCases } from '../app/prices/pricing.ts';
import { downloadHistoryExport } from '../bot/commands/history-export.ts';
import { httpFileDownloads } from '../bot/files/file-download.ts';
import { RecentFiles } from '../bot/files/recent-files.ts';
import { ONEDRIVE_UPLOAD_TARGETS } from '../bot/files/upload-targets.ts';
import type { BotDependencies } from '../bot/dependencies.ts';
import { createLicenseDeskBot } from '../bot/license-desk-bot.ts';
import { approvalTargets } from '../bot/requests/deliver-approval.ts';
import { RequestNotifier } from '../bot/requests/request-notifier.ts';
import type { BotAuthSettings, Config } from '../config.ts';
import type { EmbeddedServices } from '../embedded/embedded-services.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { defaultApprovalPolicy } from '../domain/policy/approval-policy.ts';
import { seededTemplates } from '../domain/templates/seeded-templates.ts';
import { seedTemplates } from '../app/templates/seed-templates.ts';
import {
  createGraphClient,
  GraphDirectory,
  GraphLicenseWriter,
  systemClock,
  type WriteBudget,
} from '../graph/index.ts';
import { GraphSkuHolders } from '../graph/graph-sku-holders.ts';
import { createLogger } from '../logging.ts';
import { openCosmosStore, type CosmosStore } from '../store/index.ts';
import { BackgroundJobs } from './background-jobs.ts';
import { registerRequestJobs } from './request-jobs.ts';
import type { BotAuthentication } from './bot-adapter.ts';
import { DEFAULT_DRAIN_TIMEOUT_MS } from './http-server.ts';
import { startBotPlatform, type PlatformLogger } from './bot-platform.ts';
import { exportDownloadsFor } from './export-downloads.ts';
import type { ProactiveMessenger } from './proactive-messenger.ts';

// A slow or throttled Graph must not keep /healthz unanswered: seeding gives up on the SKUs then.
const SEED_SKUS_SECONDS = 5;

/** `work`, or a rejection once `seconds` have passed (the timer never outlives the answer). */
function withinSeconds<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The demo tenant's approvers group, used when the embedded run names no approver group. */
export const DEMO_APPROVERS_GROUP = 'License Approvers';

export { EXPIRY_JOB, RESUME_JOB, TELL_JOB } from './request-jobs.ts';

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

function botAuthentication(bot: BotAuthSettings): BotAuthentication {
  switch (bot.appType) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'SingleTenant':
      return {
        kind: 'singleTenant',
        appId: bot.appId,
        appPassword: bot.appPassword,
        tenantId: bot.tenantId,
      };
    case 'UserAssignedMSI':
      return { kind: 'userAssignedMsi', appId: bot.appId, tenantId: bot.tenantId };
  }
}

/** Embedded mode names no approver group: the demo tenant's "License Approvers" is the one. */
async function demoApproverGroupIds(directory: Directory): Promise<string[]> {
  const groups = await directory.searchGroups(DEMO_APPROVERS_GROUP);
  return groups
    .filter((group) => group.displayName === DEMO_APPROVERS_GROUP)
    .map((group) => group.id);
}

/** Whether `work` settled within `timeoutMs` (it goes on either way; its failure is its own). */
async function settledWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The composition root: wires Graph, Cosmos, the bot and the server from the config, the same way
 * for `npm start`, the tests and the benchmark. In embedded mode it first starts the Graph
 * simulator and the in-process Cosmos server (or uses those of `npm run stand-ins`, when STANDINS
 * names them) and seeds the price list. If any step fails, what was already started is closed
 * again.
 */
export async function startLicenseDesk(
  initialConfig: Config,
  overrides: LicenseDeskOverrides = {},
): Promise<RunningLicenseDesk> {
  const logger =
    overrides.logger ??
    createLogger({ level: initialConfig.logLevel, base: { mode: initialConfig.mode } });
  const clock = overrides.clock ?? systemClock;
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    // splice: a second close finds nothing left to do.
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) =>
        logger.error({ err: error }, 'shutdown step failed'),
      );
    }
  };
  try {
    let config = initialConfig;
    let embedded: EmbeddedServices | undefined;
    if (config.mode === 'embedded') {
      if (overrides.embedded) {
        embedded = overrides.embedded;
      } else {
        // Loaded only in this branch: production never loads the simulator or the Cosmos stand-in.
        const { openStandIns } = await import('../embedded/open-stand-ins.ts');
        embedded = await openStandIns(config, overrides.host ? { host: overrides.host } : {});
        cleanups.push(() => embedded!.close());
      }
      config = {
        ...config,
        graph: { ...config.graph, graphBaseUrl: embedded.simulator.graphBaseUrl },
      };
    }

    const graphClient = createGraphClient(config.graph);
    // The demo tenant spells ids as the Test Tool does; a real tenant's are GUIDs.
    const objectIds = config.mode === 'embedded' ? 'testTool' : 'guid';
    const directory = new GraphDirectory(graphClient, { objectIds });
    const store = await openCosmosStore(
      config.cosmos,
      embedded ? { embedded: embedded.cosmos } : {},
    );
    cleanups.push(() => store.close());

    let writeBudget: WriteBudget | undefined;
    if (config.mode === 'embedded' && embedded) {
      const { simulatorWriteBudget } = await import('../embedded/simulator-write-budget.ts');
      writeBudget = await simulatorWriteBudget(embedded.simulator.url);
      const { seedPricesFromSimulator } = await import('../embedded/seed-prices.ts');
      const seeded = await seedPricesFromSimulator({
        simulatorUrl: embedded.simulator.url,
        prices: store.prices,
        tenantId: config.tenantId,
        now: clock.now(),
      });
      if (config.approverGroupIds.length === 0) {
        config = { ...config, approverGroupIds: await demoApproverGroupIds(directory) };
      }
      logger.info(
        { prices: seeded, approverGroupIds: config.approverGroupIds },
        'demo tenant ready',
      );
    }

    // What every turn reads and changes slowly is kept briefly (see app/caching); License Desk's
    // own license writes clear the seat counts at once. Planning and runs read Graph directly.
    // Holds leases on runs; the random part tells apart two processes reusing a pid.
    const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    // Every run (after a click, or resumed) is tracked: close stops them between items and waits.
    const runs = new RunsInFlight();
    const drainTimeoutMs = overrides.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    const viewDirectory = new CachedDirectory(directory, clock, overrides.readCacheTimes);
    // Prices saved through the cache the views read show at once on this instance (others: 30 s).
    const viewPrices = new CachedPriceList(store.prices, clock);
    // Files move to and from OneDrive only; the demo's and the tests' file servers are on loopback.
    const fileHosts =
      config.mode === 'embedded'
        ? { ...ONEDRIVE_UPLOAD_TARGETS, loopbackHttp: true }
        : ONEDRIVE_UPLOAD_TARGETS;
    const dependencies: BotDependencies = {
      directory: viewDirectory,
      skuHolders: new GraphSkuHolders(graphClient),
      conversations: new ConversationSaveMemo(store.conversations, clock),
      preferences: store.preferences,
      prices: viewPrices,
      clock,
      logger,
      objectIds,
      settings: {
        tenantId: config.tenantId,
        approverGroupIds: config.approverGroupIds,
        requesterGroupIds: config.requesterGroupIds,
        allowGuests: config.allowGuests,
      },
      requests: {
        directory,
        licenses: new LicenseWritesClear(
          new GraphLicenseWriter(graphClient, writeBudget ? { budget: writeBudget } : {}),
          () => viewDirectory.invalidateLicenses(),
        ),
        // Every state change first marks its notice untold (see notice-first-operations.ts).
        operations: new NoticeFirstOperationStore(store.operations, store.notices, clock),
        operationItems: store.operationItems,
        history: store.history,
        templates: store.templates,
        approvalChannels: store.approvalChannels,
        prices: store.prices,
        policy: { ...defaultApprovalPolicy, expiresAfterHours: config.approvalExpiryHours },
        // Replaced by the bot's notifier once the platform has made the messenger it writes with.
        notifier: { changed: async () => {} },
        leases: store.leases,
        instanceId,
        runLeaseMs: config.runLeaseSeconds * 1000,
        runs,
        clock,
        logger,
        newId: () => randomUUID(),
      },
      requestCards: store.requestCards,
      changeNotices: store.notices,
      // A history export is built once: for the consent card's size, then uploaded on Allow.
      recentFiles: new RecentFiles(clock),
      pricing: pricingUseCases({
        directory: viewDirectory,
        prices: viewPrices,
        priceHistory: store.priceHistory,
        clock,
      }),
      fileDownloads: httpFileDownloads({ hosts: fileHosts }),
    };
    // The Test Tool cannot do file consent: the demo also offers one-time download links.
    const exportDownloads = exportDownloadsFor(config.mode, {
      clock,
      logger,
      build: (asked) => downloadHistoryExport(dependencies, asked),
    });
    if (exportDownloads) {
      dependencies.exportLinks = exportDownloads;
    }
    if (config.mode === 'embedded') {
      dependencies.fileUploads = fileHosts;
    }
    // Idempotent: writes the four seeded templates once per tenant, never over admins' edits.
    // Cosmos only when Graph is down: starting never waits on Graph (readiness reports it).
    const seeded = await seedTemplates(
      {
        directory: { listSkus: () => withinSeconds(directory.listSkus(), SEED_SKUS_SECONDS) },
        templates: store.templates,
      },
      config.tenantId,
      seededTemplates,
      clock.now(),
    );
    if (!seeded.skusRead) {
      logger.warn(
        { seeded: seeded.seeded },
        "could not read the tenant's SKUs: templates seeded without plans, stamped at a later start",
      );
    }
    const jobs = new BackgroundJobs(logger);
    const telling = () => ({
      operations: dependencies.requests.operations,
      notices: store.notices,
      history: store.history,
      operationItems: store.operationItems,
      clock,
      logger,
      newId: () => randomUUID(),
    });
    let notifier: RequestNotifier | undefined;
    // Told changes are sent before the store closes (cleanups run last-in, first-out), for at
    // most the drain time: what is cut short stays untold, and the next start's job tells it.
    cleanups.push(async () => {
      if (notifier && !(await settledWithin(notifier.drain(), drainTimeoutMs))) {
        logger.warn('changes still being told at shutdown: the next start tells them');
      }
    });
    const platform = await startBotPlatform({
      // The notifier writes outside turns with the process-wide messenger; no turn runs before.
      bot: (messenger) => {
        notifier = new RequestNotifier({
          writer: messenger,
          cards: store.requestCards,
          conversations: dependencies.conversations,
          logger,
          // Closing ends retry waits at once (runs.stop comes first on close).
          retry: { sleep: (ms, signal) => clock.sleep(ms, signal), signal: runs.signal },
          skus: () => viewDirectory.listSkus(),
          telling: telling(),
          approvers: (operation) => approvalTargets(dependencies, operation),
          approvalChannels: store.approvalChannels,
        });
        dependencies.requests.notifier = notifier;
        return createLicenseDeskBot(dependencies);
      },
      auth: botAuthentication(config.bot),
      logger,
      port: config.port,
      host: overrides.host ?? config.host,
      ...(overrides.drainTimeoutMs ? { drainTimeoutMs: overrides.drainTimeoutMs } : {}),
      ...(overrides.extraAuthOptions ? { extraAuthOptions: overrides.extraAuthOptions } : {}),
      ...(exportDownloads ? { exportDownload: (token) => exportDownloads.download(token) } : {}),
      // Graph down is a degraded service, not an unready one: requests are saved and answered.
      health: [{ name: 'graph', check: () => directory.getOrganization() }],
      ...(overrides.checkMaxAgeMs ? { checkMaxAgeMs: overrides.checkMaxAgeMs } : {}),
      readiness: [
        {
          name: 'cosmos',
          check: async () => {
            const status = await store.ping();
            if (!status.ok) {
              throw new Error(status.reason);
            }
          },
        },
      ],
    });
    // Closing, after the turns have drained: runs in flight reach the end of their item and give
    // their leases back (the next start resumes them) before the notifier drains what they told.
    cleanups.push(async () => {
      if (!(await runs.ended(drainTimeoutMs))) {
        logger.warn({ runs: runs.size }, 'runs still going at shutdown: their leases will lapse');
      }
    });
    cleanups.push(() => platform.server.close());
    exportDownloads?.serveAt(platform.server.url);
    registerRequestJobs(jobs, {
      requests: dependencies.requests,
      tenantIds: [config.tenantId],
      expirySweepSeconds: config.expirySweepSeconds,
      resumeIntervalSeconds: config.resumeIntervalSeconds,
      tell: () => (notifier ? telling() : undefined),
      send: () => notifier?.send,
      signal: runs.signal,
    });
    // Closing starts here: no new tick, and runs (the resume job's too) stop after their item.
    cleanups.push(async () => {
      runs.stop();
      await jobs.stop(drainTimeoutMs);
    });

    return {
      url: platform.server.url,
      config,
      logger,
      directory,
      store,
      messenger: platform.messenger,
      jobs,
      ...(embedded ? { embedded } : {}),
      settled: async () => {
        // A run that ends tells its changes, and a job may start a run: wait until one look
        // finds all three still.
        while (runs.size > 0 || notifier?.busy === true || jobs.busy) {
          await runs.ended(60_000);
          await notifier?.drain();
          await jobs.idle();
        }
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
