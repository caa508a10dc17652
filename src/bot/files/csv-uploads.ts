import type { SentCsv } from '../../app/selection/selected-users.ts';

/** Who may use an uploaded file: the person the link was offered to, in their tenant. */
export interface UploadOwner {
  tenantId: string;
  userId: string;
}

/**
 * Upload links for CSV files where Teams cannot send one (the embedded demo's Test Tool): a page
 * on the bot's own server takes the file, and a button on the card that offered the link reads
 * it, once, for the person it was offered to.
 */
export interface CsvUploads {
  /** A new one-time upload page for `owner`, and the token its file is taken by. */
  offer(owner: UploadOwner): { url: string; token: string };
  /** The file uploaded under `token` for `owner`, taken (a second take finds nothing). */
  take(token: string, owner: UploadOwner): SentCsv | undefined;
}
