import type { HistoryFilter } from './history-log.ts';

/** A history export someone asked for: who, and what, as ids; never the file itself. */
export interface ExportAsked {
  tenantId: string;
  /** The asker's object id: the file is built again for them, under their rights then. */
  userId: string;
  filter: HistoryFilter;
  /** The filter in words, for the file's description. */
  described: string;
  /** e.g. `license-history-2026-11-23.csv` */
  fileName: string;
}

/** Where to download an export, and until when. */
export interface ExportLink {
  url: string;
  expiresAt: Date;
}

/**
 * Download links for history exports where Teams' file consent cannot work (the embedded demo in
 * the Test Tool): each link is random, works once, for a few minutes, and only re-reads the
 * history for the person who asked when it is opened.
 */
export interface ExportLinks {
  linkFor(asked: ExportAsked): Promise<ExportLink>;
}
