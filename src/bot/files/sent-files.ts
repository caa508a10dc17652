import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** A file someone sent the bot in a personal chat, as Teams describes it. */
export interface SentFile {
  name: string;
  /** A short-lived, pre-authorised link to the file in the sender's OneDrive. */
  downloadUrl: string;
  /** The extension Teams saw, e.g. "csv". */
  fileType: string;
}

// Teams' attachment for a file a user sent (needs `supportsFiles` in the manifest).
const fileDownloadInfo = z.object({
  contentType: z.literal('application/vnd.microsoft.teams.file.download.info'),
  name: z.string().max(500),
  content: z.object({
    downloadUrl: z.string().min(1).max(8_000),
    uniqueId: z.string().max(500).optional(),
    fileType: z.string().max(50).optional(),
  }),
});

// More files than anyone sends in one message: the rest are not looked at.
const MAX_FILES = 10;

/** The files a message carries; other attachments (the message's HTML, cards) are not files. */
export function sentFilesOf(activity: Partial<Activity>): SentFile[] {
  const attachments: unknown[] = Array.isArray(activity.attachments) ? activity.attachments : [];
  return attachments.slice(0, MAX_FILES).flatMap((attachment) => {
    const parsed = fileDownloadInfo.safeParse(attachment);
    if (!parsed.success) {
      return [];
    }
    const { name, content } = parsed.data;
    const fileType = (content.fileType ?? name.split('.').pop() ?? '').toLowerCase();
    return [{ name, downloadUrl: content.downloadUrl, fileType }];
  });
}
