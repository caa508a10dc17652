import type { ScheduleUseCases } from '../app/schedules/schedule-use-cases.ts';
import type { CsvUploads } from './files/csv-uploads.ts';
import type { AlertUseCases } from '../app/alerts/alert-use-cases.ts';
import type { TenantAccess } from '../app/tenants/tenant-access.ts';
import type { TenantUseCases } from '../app/tenants/tenant-use-cases.ts';
import type { Clock } from '../app/ports/clock.ts';
import type { Forgotten, GoneConversations } from '../app/conversations/forget-conversations.ts';
import type { ExportLinks } from '../app/ports/export-links.ts';
import type { Logger } from '../app/ports/logger.ts';
import type { RequestCardStore } from '../app/ports/request-card-store.ts';
import type { ViewUseCases } from '../app/views/view-use-cases.ts';
import type { GroupFixUseCases } from '../app/group-fixes/group-fix-use-cases.ts';
import type { Pricing } from '../app/prices/pricing.ts';
import type { ReportUseCases } from '../app/reports/report-use-cases.ts';
import type { RuleUseCases } from '../app/rules/rule-use-cases.ts';
import type { HistoryUseCases } from '../app/history/history-use-cases.ts';
import type { GroupLicenseUseCases } from '../app/group-licenses/group-license-use-cases.ts';
import type { RequestUseCases } from '../app/requests/request-use-cases.ts';
import type { RunUseCases } from '../app/runs/run-use-cases.ts';
import type { TemplateUseCases } from '../app/templates/template-use-cases.ts';
import type { FileDownloads } from './files/file-download.ts';
import type { ObjectIdFormat } from '../domain/object-ids.ts';
import type { RecentFiles } from './files/recent-files.ts';
import type { UploadTargets } from './files/upload-targets.ts';
import type { ConversationStore, UserPreferencesStore } from '../app/ports/stores.ts';

/**
 * Everything the bot needs, wired once by the composition root: the use cases of each slice, and
 * the few ports that are the conversation's own (who is asking, where to write, card copies).
 */
export interface BotDependencies {
  /**
   * The tenants served: who may use each and in which role, and each one's directory as the
   * views read it (to identify callers, find approvers).
   */
  tenants: TenantAccess;
  /** The operator's side of many tenants: onboard, check, suspend, act in a customer tenant. */
  tenantAdmin: TenantUseCases;
  conversations: ConversationStore;
  preferences: UserPreferencesStore;
  clock: Clock;
  logger: Logger;
  /** How the directory's object ids look: GUIDs, or the Test Tool's in the embedded demo. */
  objectIds: ObjectIdFormat;
  /** Ask for a license change, decide on it, find it; where approval cards go. */
  requests: RequestUseCases;
  /** Ask for a change to what a group licenses (approved, then processed by Entra). */
  groupLicenses: GroupLicenseUseCases;
  /** Start the run of an approved request (after the answer). */
  runs: RunUseCases;
  /** Read and export the history of changes. */
  history: HistoryUseCases;
  /** License templates: list, edit, save, delete. */
  templates: TemplateUseCases;
  /** What the chat shows of the tenant: a user, a group, the licenses, who holds a SKU. */
  views: ViewUseCases;
  /** Fixes for group license errors (reprocess, usage locations), for approvers. */
  groupFixes: GroupFixUseCases;
  /** Where each copy of each request card went, for the notifier to redraw. */
  requestCards: RequestCardStore;
  /**
   * Forgets conversations the bot was removed from, and the approvers' channel when it was one
   * (`forget-conversations.ts`).
   */
  forgetConversations: (gone: GoneConversations) => Promise<Forgotten>;
  /** Download links for history exports: only in the embedded demo, where file consent fails. */
  exportLinks?: ExportLinks;
  /** Upload pages for CSV selections: only in the embedded demo, whose chat cannot send files. */
  csvUploads?: CsvUploads;
  /** Files just offered, kept for their Allow (built once); without it they are built again. */
  recentFiles?: RecentFiles;
  /** Where an allowed file may be uploaded: OneDrive (`ONEDRIVE_UPLOAD_TARGETS`) unless given. */
  fileUploads?: UploadTargets;
  /** Proactive alerts: subscribe a conversation, the open problems now. */
  alerts: AlertUseCases;
  /** Changes at a time: ask, list, approve, pause, resume, run now, cancel, delete. */
  schedules: ScheduleUseCases;
  /** How often the alert monitor looks (`ALERT_INTERVAL_SECONDS`), to say so. */
  alertIntervalSeconds: number;
  /** The price table's use cases: list, set, import a CSV, the history of changes. */
  pricing: Pricing;
  /** Monthly reports for billing reconciliation, and their CSV. */
  reports: ReportUseCases;
  /** Dynamic membership rules: who a rule makes members, what a group of them needs. */
  rules: RuleUseCases;
  /** Reads a file someone sent (a price CSV), from OneDrive only (and loopback in the demo). */
  fileDownloads: FileDownloads;
}
