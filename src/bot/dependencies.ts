import type { AccessSettings } from '../app/identity/access-settings.ts';
import type { Clock } from '../app/ports/clock.ts';
import type { Directory } from '../app/ports/directory.ts';
import type { ChangeNoticeStore } from '../app/ports/change-notice-store.ts';
import type { ExportLinks } from '../app/ports/export-links.ts';
import type { Logger } from '../app/ports/logger.ts';
import type { RequestCardStore } from '../app/ports/request-card-store.ts';
import type { SkuHolders } from '../app/ports/sku-holders.ts';
import type { Pricing } from '../app/prices/pricing.ts';
import type { RequestDependencies } from '../app/requests/request-deps.ts';
import type { FileDownloads } from './files/file-download.ts';
import type { ObjectIdFormat } from '../domain/object-ids.ts';
import type { RecentFiles } from './files/recent-files.ts';
import type { UploadTargets } from './files/upload-targets.ts';
import type { ConversationStore, PriceStore, UserPreferencesStore } from '../app/ports/stores.ts';

/** Everything the bot needs, wired once by the composition root. */
export interface BotDependencies {
  directory: Directory;
  conversations: ConversationStore;
  preferences: UserPreferencesStore;
  prices: PriceStore;
  clock: Clock;
  logger: Logger;
  settings: AccessSettings;
  /** How the directory's object ids look: GUIDs, or the Test Tool's in the embedded demo. */
  objectIds: ObjectIdFormat;
  /** Requests, approvals and runs: stores, the license writer and the approval policy. */
  requests: RequestDependencies;
  /** Who holds a SKU: the fix for a request short of seats. */
  skuHolders: SkuHolders;
  /** Where each copy of each request card went, for the notifier to redraw. */
  requestCards: RequestCardStore;
  /** What is left to tell of each request: its approvers' copies go out again when due. */
  changeNotices: ChangeNoticeStore;
  /** Download links for history exports: only in the embedded demo, where file consent fails. */
  exportLinks?: ExportLinks;
  /** Files just offered, kept for their Allow (built once); without it they are built again. */
  recentFiles?: RecentFiles;
  /** Where an allowed file may be uploaded: OneDrive (`ONEDRIVE_UPLOAD_TARGETS`) unless given. */
  fileUploads?: UploadTargets;
  /** The price table's use cases: list, set, import a CSV, the history of changes. */
  pricing: Pricing;
  /** Reads a file someone sent (a price CSV), from OneDrive only (and loopback in the demo). */
  fileDownloads: FileDownloads;
}

export type { AccessSettings };
