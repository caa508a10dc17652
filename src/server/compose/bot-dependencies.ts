import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { Config } from '../../config.ts';
import type { BotDependencies } from '../../bot/dependencies.ts';
import { downloadHistoryExport } from '../../bot/commands/history-export.ts';
import { downloadReport, isReportLink } from '../../bot/commands/report-export.ts';
import { httpFileDownloads } from '../../bot/files/file-download.ts';
import { RecentFiles } from '../../bot/files/recent-files.ts';
import { ONEDRIVE_UPLOAD_TARGETS } from '../../bot/files/upload-targets.ts';
import type { CosmosStore } from '../../store/index.ts';
import { DemoCsvUploads } from '../demo-csv-uploads.ts';
import { exportDownloadsFor, type ExportDownloads } from '../export-downloads.ts';
import { uploadLinksFor, type UploadLinks } from '../upload-links.ts';
import type { TenantAccess } from '../../app/tenants/tenant-access.ts';
import type { graphAdapters } from './graph-adapters.ts';
import type { ReadCaches } from './read-caches.ts';
import type { LicenseDeskUseCases } from './use-cases.ts';

/** What the bot is given, and the demo's download links the server serves. */
export interface BotWiring {
  deps: BotDependencies;
  exportDownloads?: ExportDownloads;
  uploadLinks?: UploadLinks;
}

/** The bot's dependencies: the use cases, the read caches, and the files it moves. */
export function botDependencies(parts: {
  config: Config;
  useCases: LicenseDeskUseCases;
  caches: ReadCaches;
  tenants: TenantAccess;
  graph: ReturnType<typeof graphAdapters>;
  store: CosmosStore;
  clock: Clock;
  logger: Logger;
}): BotWiring {
  const { config, useCases, caches, store, clock, logger } = parts;
  // Files move to and from OneDrive only; the demo's and the tests' file servers are on loopback.
  const fileHosts =
    config.mode === 'embedded'
      ? { ...ONEDRIVE_UPLOAD_TARGETS, loopbackHttp: true }
      : ONEDRIVE_UPLOAD_TARGETS;
  // The Test Tool cannot do file consent: the demo also offers one-time download links, whose
  // files are built (when opened) under the same rules as the bot's.
  const exportDownloads = exportDownloadsFor(config.mode, {
    clock,
    logger,
    build: (asked) =>
      isReportLink(asked) ? downloadReport(deps, asked) : downloadHistoryExport(deps, asked),
  });
  // Nor can it send a file: the demo offers an upload page for CSV selections instead.
  const csvUploads = config.mode === 'embedded' ? new DemoCsvUploads(clock) : undefined;
  const uploadLinks =
    csvUploads &&
    uploadLinksFor(config.mode, {
      clock,
      logger,
      onUpload: (upload) => csvUploads.received(upload),
    });
  if (uploadLinks) {
    csvUploads?.useLinks(uploadLinks);
  }
  const deps: BotDependencies = {
    requests: useCases.requests,
    groupLicenses: useCases.groupLicenses,
    runs: useCases.runs,
    schedules: useCases.schedules,
    history: useCases.history,
    templates: useCases.templates,
    pricing: useCases.pricing,
    reports: useCases.reports,
    rules: useCases.rules,
    forgetConversations: useCases.forgetConversations,
    alerts: useCases.alerts,
    alertIntervalSeconds: config.alertIntervalSeconds,
    tenants: parts.tenants,
    tenantAdmin: useCases.tenants,
    conversations: caches.conversations,
    views: useCases.views,
    groupFixes: useCases.groupFixes,
    preferences: store.preferences,
    requestCards: store.requestCards,
    clock,
    logger,
    objectIds: parts.graph.objectIds,
    // A history export is built once: for the consent card's size, then uploaded on Allow.
    recentFiles: new RecentFiles(clock),
    fileDownloads: httpFileDownloads({ hosts: fileHosts }),
    ...(exportDownloads ? { exportLinks: exportDownloads } : {}),
    ...(csvUploads ? { csvUploads } : {}),
    ...(config.mode === 'embedded' ? { fileUploads: fileHosts } : {}),
  };
  return {
    deps,
    ...(exportDownloads ? { exportDownloads } : {}),
    ...(uploadLinks ? { uploadLinks } : {}),
  };
}
